package dev.floe.wal.manifest;

/**
 * Who writes a partition now, as registered under the writer's lease: its name, its epoch and, once
 * it serves one, the address of its tail endpoint ({@code host:port}) where readers get the records
 * not yet in the bucket. Immutable.
 *
 * @param owner the writer's name
 * @param epoch the epoch it took
 * @param tailEndpoint {@code host:port} of its tail endpoint, or null
 */
public record WriterInfo(String owner, long epoch, String tailEndpoint) {}
