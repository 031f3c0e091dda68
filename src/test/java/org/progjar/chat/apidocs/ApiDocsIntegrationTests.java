package org.progjar.chat.apidocs;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.progjar.chat.testing.ChatServer;
import org.progjar.chat.testing.ChatServerTest;
import org.progjar.chat.testing.HttpApi;
import org.progjar.chat.testing.HttpApi.Result;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document and Swagger UI over real HTTP. */
@ChatServerTest
class ApiDocsIntegrationTests {

	private static final Set<String> PUBLIC = Set.of("POST /api/users", "POST /api/sessions");

	private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

	@Autowired
	ChatServer server;

	@Test
	void describesTheRestApi() {
		Result docs = this.server.http().get("/v3/api-docs", null);
		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.header("Content-Type")).startsWith("application/json");
		JsonNode api = docs.json();
		assertThat(api.get("info").get("title").asString()).isNotBlank();
		assertThat(api.get("info").get("version").asString()).isNotBlank();
		assertThat(api.get("paths").propertyNames()).contains("/api/users", "/api/sessions", "/api/sessions/current",
				"/api/messages", "/api/inbox", "/api/files", "/api/files/{filename}",
				"/api/users/{username}/files/{filename}", "/api/me", "/api/events", "/api/rooms",
				"/api/rooms/{room}/members", "/api/rooms/{room}/members/me", "/api/rooms/{room}/messages",
				"/api/rooms/{room}/files", "/api/rooms/{room}/files/{filename}");
		// A file upload reads the raw body; the document says so.
		assertThat(api.at("/paths/~1api~1users~1{username}~1files~1{filename}/put/requestBody/content").propertyNames())
			.containsExactly("application/octet-stream");
		// Creating operations are documented with the 201 they answer.
		for (String created : new String[] { "/paths/~1api~1users/post", "/paths/~1api~1sessions/post",
				"/paths/~1api~1messages/post", "/paths/~1api~1rooms~1{room}~1files~1{filename}/put",
				"/paths/~1api~1users~1{username}~1files~1{filename}/put" }) {
			assertThat(api.at(created + "/responses").propertyNames()).as(created).contains("201").doesNotContain("200");
		}
		// Only the REST API, not the actuator or the error page.
		assertThat(api.get("paths").propertyNames()).allMatch((path) -> path.startsWith("/api/"));
	}

	@Test
	void everyOperationButRegisterAndLoginNeedsTheBearerToken() {
		JsonNode api = apiDocs();
		JsonNode scheme = api.get("components").get("securitySchemes").get(OpenApiConfiguration.BEARER);
		assertThat(scheme.get("type").asString()).isEqualTo("http");
		assertThat(scheme.get("scheme").asString()).isEqualTo("bearer");
		assertThat(api.get("security").get(0).has(OpenApiConfiguration.BEARER)).isTrue();
		List<Operation> operations = operations(api);
		assertThat(operations).extracting(Operation::name).containsAll(PUBLIC);
		for (Operation operation : operations) {
			JsonNode security = operation.node().get("security");
			if (PUBLIC.contains(operation.name())) {
				assertThat(security).as(operation.name()).isNotNull();
				assertThat(security.isEmpty()).as(operation.name()).isTrue();
			}
			else {
				// No override: the document-wide bearer requirement applies.
				assertThat(security).as(operation.name()).isNull();
			}
		}
	}

	@Test
	void theCallerIsNotAParameter() {
		JsonNode api = apiDocs();
		for (Operation operation : operations(api)) {
			JsonNode parameters = operation.node().path("parameters");
			parameters.forEach((parameter) -> {
				assertThat(parameter.get("name").asString()).as(operation.name())
					.isNotIn("caller", "sessionId", "userId", "displayName");
				assertThat(parameter.get("in").asString()).as(operation.name()).isNotEqualTo("cookie");
				if (parameter.get("in").asString().equals("query")) {
					assertThat(parameter.get("name").asString()).as(operation.name()).isNotEqualTo("username");
				}
			});
		}
		assertThat(api.get("components").path("schemas").has("Caller")).isFalse();
		assertThat(api.toString()).doesNotContain("\"sessionId\"");
	}

	@Test
	void failuresAreDescribedAsProblems() {
		JsonNode api = apiDocs();
		JsonNode problem = api.get("components").get("schemas").get(OpenApiConfiguration.PROBLEM);
		assertThat(problem.get("properties").propertyNames()).contains("type", "title", "status", "detail",
				"instance", "code");
		assertThat(problem.get("properties").get("code").get("enum").toString()).contains("UNKNOWN_USER",
				"NOT_A_MEMBER");
		for (Operation operation : operations(api)) {
			JsonNode responses = operation.node().get("responses");
			List<String> problems = new ArrayList<>();
			for (String status : responses.propertyNames()) {
				JsonNode schema = responses.get(status).path("content").path("application/problem+json").path("schema");
				if (!schema.isMissingNode()) {
					assertThat(schema.get("$ref").asString()).isEqualTo("#/components/schemas/Problem");
					problems.add(status);
				}
			}
			assertThat(problems).as(operation.name()).isNotEmpty().isSubsetOf("400", "401", "403", "404", "409", "413", "429");
			assertThat(problems).as(operation.name()).contains("429");
			assertThat(responses.get("429").get("headers").propertyNames()).as(operation.name()).contains("Retry-After");
			if (!PUBLIC.contains(operation.name())) {
				assertThat(problems).as(operation.name()).contains("401");
			}
		}
		Map<String, List<String>> expected = Map.of("POST /api/users", List.of("400", "409", "413", "429"),
				"POST /api/sessions", List.of("400", "401", "413", "429"), "GET /api/files", List.of("401", "429"),
				"GET /api/rooms/{room}/messages", List.of("400", "401", "403", "404", "429"),
				"GET /api/rooms/{room}/members", List.of("400", "401", "404", "429"));
		for (Operation operation : operations(api)) {
			List<String> statuses = expected.get(operation.name());
			if (statuses != null) {
				assertThat(operation.node().get("responses").propertyNames()).as(operation.name())
					.filteredOn((status) -> status.startsWith("4"))
					.containsExactlyInAnyOrderElementsOf(statuses);
			}
		}
	}

	@Test
	void swaggerUiIsServed() {
		HttpApi http = this.server.http();
		Result ui = http.get("/swagger-ui.html", null);
		if (ui.status() / 100 == 3) {
			URI location = URI.create(http.base() + "/").resolve(ui.header("Location"));
			ui = http.get(location.getRawPath(), null);
		}
		assertThat(ui.status()).isEqualTo(200);
		assertThat(ui.text()).containsIgnoringCase("swagger-ui");
	}

	private JsonNode apiDocs() {
		Result docs = this.server.http().get("/v3/api-docs", null);
		assertThat(docs.status()).isEqualTo(200);
		return docs.json();
	}

	private static List<Operation> operations(JsonNode api) {
		List<Operation> operations = new ArrayList<>();
		for (String path : api.get("paths").propertyNames()) {
			JsonNode item = api.get("paths").get(path);
			for (String method : item.propertyNames()) {
				if (METHODS.contains(method)) {
					operations.add(new Operation(method.toUpperCase() + " " + path, item.get(method)));
				}
			}
		}
		return operations;
	}

	private record Operation(String name, JsonNode node) {
	}

}
