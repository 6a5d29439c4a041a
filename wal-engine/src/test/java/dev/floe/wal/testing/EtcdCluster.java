/*
 * Copyright 2026 The Floe Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package dev.floe.wal.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An etcd cluster of several {@link EtcdServer} members on loopback for tests: started together,
 * each member on its own ports, so that tests can kill the leader or keep a member down. Not
 * thread-safe.
 */
public final class EtcdCluster implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<EtcdServer> members;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private EtcdCluster(List<EtcdServer> members) {
        this.members = List.copyOf(members);
    }

    /** Starts {@code size} members for {@code name} and waits until each serves requests. */
    public static EtcdCluster start(String name, int size) {
        List<EtcdServer> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            members.add(EtcdServer.prepare(name, "m" + i));
        }
        EtcdCluster cluster = new EtcdCluster(members);
        try {
            for (EtcdServer m : members) {
                m.joining(members);
            }
            // Together: a member is healthy only once a quorum has elected a leader.
            for (EtcdServer m : members) {
                m.startProcess();
            }
            for (EtcdServer m : members) {
                m.awaitHealthy();
            }
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public List<EtcdServer> members() {
        return members;
    }

    /** Every member's client URL, as a client that may use any of them is given. */
    public List<String> endpoints() {
        return members.stream().map(EtcdServer::endpoint).toList();
    }

    /**
     * The member that leads the cluster now, as the running members report it.
     *
     * @throws IllegalStateException if no running member knows a leader
     */
    public EtcdServer leader() {
        for (EtcdServer m : members) {
            if (!m.isRunning()) {
                continue;
            }
            JsonNode status;
            try {
                status = status(m);
            } catch (IOException e) {
                continue;
            }
            String leader = status.path("leader").asText("");
            for (EtcdServer candidate : members) {
                if (candidate.isRunning() && leader.equals(memberId(candidate))) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("no running member of the cluster knows a leader");
    }

    /** Kills every member and deletes its data. */
    @Override
    public void close() {
        for (EtcdServer m : members) {
            m.close();
        }
    }

    private String memberId(EtcdServer member) {
        try {
            return status(member).path("header").path("member_id").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    private JsonNode status(EtcdServer member) throws IOException {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(member.endpoint() + "/v3/maintenance/status"))
                        .timeout(Duration.ofSeconds(2))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build();
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException(member.endpoint() + " status: HTTP " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted asking " + member.endpoint() + " for its status", e);
        }
    }
}
