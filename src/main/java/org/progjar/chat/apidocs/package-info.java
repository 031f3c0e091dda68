/**
 * The REST API's description: the OpenAPI document at {@code /v3/api-docs} and Swagger UI at
 * {@code /swagger-ui.html}. Owns no endpoints of its own; it describes the feature modules'
 * controllers, their bearer token, and the problem responses every failure uses.
 */
@NullMarked
package org.progjar.chat.apidocs;

import org.jspecify.annotations.NullMarked;
