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
package dev.floe.wal.object;

import dev.floe.wal.tls.TlsFailures;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Set;
import org.apache.hc.client5.http.ConnectTimeoutException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns AWS SDK exceptions into {@link ObjectStoreException}s that say what failed and what to
 * check, and whether retrying may help: refused connections, timeouts, 5xx and throttling may pass;
 * access denied, a missing bucket and other 4xx answers do not. Stateless.
 */
final class S3Errors {

    static final int NOT_FOUND = 404;
    static final int PRECONDITION_FAILED = 412;
    static final int CONFLICT = 409;
    static final int RANGE_NOT_SATISFIABLE = 416;
    static final int TOO_MANY_REQUESTS = 429;

    /** Codes S3 and compatible servers answer with a 4xx status for a request that may pass. */
    private static final Set<String> RETRIABLE_CODES =
            Set.of("RequestTimeout", "RequestTimeTooSkewed", "SlowDown", "Throttling");

    private S3Errors() {}

    static int status(SdkException e) {
        return e instanceof AwsServiceException service ? service.statusCode() : -1;
    }

    static String code(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            return code == null ? "" : code;
        }
        return "";
    }

    /** A create-only write lost: S3 answers 412, or 409 when a concurrent write is in flight. */
    static boolean isKeyTaken(SdkException e) {
        int status = status(e);
        return status == PRECONDITION_FAILED
                || (status == CONFLICT && "ConditionalRequestConflict".equals(code(e)));
    }

    /**
     * The exception to throw when {@code action} (e.g. "read") on {@code what} (a key, or the
     * bucket) failed in {@code store}.
     */
    static ObjectStoreException translate(
            S3ObjectStore store, String action, String what, SdkException e) {
        S3ObjectStoreConfig config = store.config();
        String endpoint = config.endpoint().map(Object::toString).orElse("AWS S3");
        String failed = "Cannot " + action + " " + what + " in " + store.describe() + ": ";
        var tls = TlsFailures.describe("S3 " + endpoint, e, config.tls().orElse(null));
        if (tls.isPresent()) {
            return new ObjectStoreException(failed + tls.get(), e, false);
        }
        if (isConnectFailure(e)) {
            return new ObjectStoreException(
                    failed
                            + "cannot connect to "
                            + endpoint
                            + " ("
                            + rootMessage(e)
                            + "); check that the endpoint is right and the S3 server is running"
                            + " and reachable",
                    e);
        }
        if (e instanceof ApiCallTimeoutException) {
            return new ObjectStoreException(
                    failed
                            + "no answer from "
                            + endpoint
                            + " within apiCallTimeout "
                            + config.apiCallTimeout()
                            + "; check the server's health and the network, or raise"
                            + " apiCallTimeout",
                    e);
        }
        int status = status(e);
        if (status == 403 || status == 401) {
            return new ObjectStoreException(
                    failed
                            + "access denied ("
                            + status
                            + " "
                            + code(e)
                            + "); the credentials for access key "
                            + config.accessKey().orElse("<default credentials chain>")
                            + " were rejected or may not use bucket "
                            + config.bucket()
                            + ": check the access key and secret key and the bucket's policy",
                    e,
                    false);
        }
        if ("NoSuchBucket".equals(code(e))) {
            return noSuchBucket(store, failed, e);
        }
        boolean mayPass = mayPass(e);
        return new ObjectStoreException(
                failed
                        + (status > 0 ? status + " " + code(e) + " " : "")
                        + rootMessage(e)
                        + (mayPass
                                ? "; retried " + config.maxRetries() + " times, check the server"
                                : ""),
                e,
                mayPass);
    }

    /** A server error, throttling, a timeout or a failure without an answer (status -1). */
    private static boolean mayPass(SdkException e) {
        int status = status(e);
        return status < 0
                || status >= 500
                || status == TOO_MANY_REQUESTS
                || RETRIABLE_CODES.contains(code(e))
                || (e instanceof AwsServiceException service && service.isThrottlingException());
    }

    static ObjectStoreException noSuchBucket(S3ObjectStore store, String failed, Exception e) {
        S3ObjectStoreConfig config = store.config();
        return new ObjectStoreException(
                failed
                        + "bucket "
                        + config.bucket()
                        + " does not exist at "
                        + config.endpoint().map(Object::toString).orElse("AWS S3")
                        + "; create it, or enable createBucketIfMissing",
                e,
                false);
    }

    private static boolean isConnectFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException
                    || t instanceof ConnectTimeoutException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
