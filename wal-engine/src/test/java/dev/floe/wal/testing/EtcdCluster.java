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
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final List<EtcdServer> members;

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
        List<String> running =
                members.stream().filter(EtcdServer::isRunning).map(EtcdServer::endpoint).toList();
        String leader = running.get(leaderIndex(running));
        return members.stream().filter(m -> m.endpoint().equals(leader)).findFirst().orElseThrow();
    }

    /**
     * Where in {@code endpoints}, the client URLs of a cluster's members, its leader is, as the
     * members that answer report it.
     *
     * @throws IllegalStateException if no member that answers knows a leader among them
     */
    public static int leaderIndex(List<String> endpoints) {
        List<String> ids = new ArrayList<>();
        String leader = "";
        for (String endpoint : endpoints) {
            try {
                JsonNode status = status(endpoint);
                ids.add(status.path("header").path("member_id").asText(""));
                leader = leader.isEmpty() ? status.path("leader").asText("") : leader;
            } catch (IOException e) {
                ids.add("");
            }
        }
        if (!leader.isEmpty() && ids.contains(leader)) {
            return ids.indexOf(leader);
        }
        throw new IllegalStateException("no member of " + endpoints + " knows a leader among them");
    }

    /** Kills every member and deletes its data. */
    @Override
    public void close() {
        for (EtcdServer m : members) {
            m.close();
        }
    }

    private static JsonNode status(String endpoint) throws IOException {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(endpoint + "/v3/maintenance/status"))
                        .timeout(Duration.ofSeconds(2))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build();
        try {
            HttpResponse<String> response =
                    HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException(endpoint + " status: HTTP " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted asking " + endpoint + " for its status", e);
        }
    }
}
