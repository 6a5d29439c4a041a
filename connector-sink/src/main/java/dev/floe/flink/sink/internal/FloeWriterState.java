package dev.floe.flink.sink.internal;

import org.apache.flink.annotation.Internal;

/**
 * A partition's position in a checkpoint: the offset its log ended at when the checkpoint's objects
 * were staged, and the epoch that staged them. One per partition, so state moves with partitions
 * when the sink is rescaled. Immutable.
 */
@Internal
public record FloeWriterState(String stream, int partition, long end, long epoch) {}
