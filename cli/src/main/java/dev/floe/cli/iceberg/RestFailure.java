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
package dev.floe.cli.iceberg;

import org.apache.iceberg.rest.responses.ErrorResponse;

/**
 * A request the catalog refuses, with the HTTP status and the error type of the REST spec's error
 * response. Immutable.
 */
final class RestFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;

    RestFailure(int status, String type, String message) {
        super(message);
        this.status = status;
        this.type = type;
    }

    static RestFailure badRequest(String message) {
        return new RestFailure(400, "BadRequestException", message);
    }

    static RestFailure readOnly(String method, String rawPath) {
        return new RestFailure(
                405,
                "UnsupportedOperationException",
                "this Iceberg REST catalog is read-only: it answers GET and HEAD, not "
                        + method
                        + " "
                        + rawPath
                        + "; create, commit, drop and rename are refused");
    }

    int status() {
        return status;
    }

    ErrorResponse toResponse() {
        return ErrorResponse.builder()
                .responseCode(status)
                .withType(type)
                .withMessage(getMessage())
                .build();
    }
}
