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

import io.etcd.jetcd.Auth;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.auth.Permission;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Turns on etcd authentication with a user limited to one Floe namespace. Stateless. */
public final class EtcdUsers {

    private EtcdUsers() {}

    /**
     * Adds {@code user} with a role that may read and write {@code /floe/<namespace>/} only, adds a
     * root user with a random password, and enables authentication, through {@code root}, a client
     * connected while authentication is still off.
     */
    public static void enableAuthWithNamespaceUser(
            Client root, String namespace, String user, String password) throws Exception {
        Auth auth = root.getAuthClient();
        String role = "floe-" + namespace;
        auth.userAdd(bytes("root"), bytes("root-" + UUID.randomUUID())).get();
        auth.roleAdd(bytes("root")).get();
        auth.userGrantRole(bytes("root"), bytes("root")).get();
        auth.roleAdd(bytes(role)).get();
        String prefix = "/floe/" + namespace + "/";
        auth.roleGrantPermission(
                        bytes(role),
                        bytes(prefix),
                        bytes(prefix.substring(0, prefix.length() - 1) + "0"),
                        Permission.Type.READWRITE)
                .get();
        auth.userAdd(bytes(user), bytes(password)).get();
        auth.userGrantRole(bytes(user), bytes(role)).get();
        auth.authEnable().get();
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
