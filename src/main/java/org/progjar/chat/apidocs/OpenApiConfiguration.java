package org.progjar.chat.apidocs;

import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.PathItem.HttpMethod;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.servlet.http.HttpServletRequest;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.progjar.chat.error.ErrorCode;
import org.progjar.chat.session.Caller;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI document. What springdoc cannot see by itself: that a {@link Caller} parameter is
 * the bearer token and not a query object, which operations are public, that a file upload has
 * a body, and that every failure is an {@code application/problem+json} body with the TCP
 * error's {@code code}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String BEARER = "bearerAuth";

	static final String PROBLEM = "Problem";

	private static final String PROBLEM_JSON = "application/problem+json";

	// Login is public but refuses bad credentials with 401, and never conflicts.
	private static final String SESSIONS = "/api/sessions";

	// A room's messages and files are for its members; its member list is not.
	private static final Pattern MEMBERS_ONLY = Pattern.compile("/api/rooms/\\{[^}]+}/(messages|files)(/.*)?");

	private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

	static {
		// A Caller is resolved from the Authorization header (session.BearerCallerResolver); left alone,
		// springdoc would document its fields as query parameters.
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
	}

	@Bean
	OpenAPI chatOpenApi(ObjectProvider<BuildProperties> build) {
		BuildProperties properties = build.getIfAvailable();
		String version = (properties != null && properties.getVersion() != null) ? properties.getVersion() : "dev";
		return new OpenAPI()
			.info(new Info().title("ProgJar chat server")
				.description("The REST API of the chat server. It shares users, sessions, messages, rooms and files "
						+ "with the TCP chat protocol: a token from POST /api/sessions also works as a TCP session, "
						+ "and errors carry the same codes.")
				.version(version))
			.components(new Components()
				.addSecuritySchemes(BEARER,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.description("The token from POST /api/sessions (or TCP auth), as 'Authorization: Bearer <token>'")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER));
	}

	/**
	 * What springdoc cannot read from a handler's signature: one that takes no {@link Caller}
	 * needs no token (register, login); one that reads the raw request body (a file upload)
	 * has a request body.
	 */
	@Bean
	OperationCustomizer signatureFacts() {
		return (operation, handler) -> {
			if (Arrays.stream(handler.getMethodParameters()).noneMatch((parameter) -> parameter.getParameterType() == Caller.class)) {
				operation.setSecurity(List.of());
			}
			if (operation.getRequestBody() == null && readsRawBody(handler)) {
				operation.setRequestBody(new RequestBody().required(true)
					.content(new Content().addMediaType("application/octet-stream",
							new MediaType().schema(new StringSchema().format("binary")))));
			}
			return operation;
		};
	}

	private static boolean readsRawBody(HandlerMethod handler) {
		RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
		boolean write = mapping != null && Arrays.stream(mapping.method())
			.anyMatch((method) -> method == RequestMethod.PUT || method == RequestMethod.POST);
		return write && Arrays.stream(handler.getMethodParameters())
			.map(MethodParameter::getParameterType)
			.anyMatch((type) -> type == InputStream.class || type == HttpServletRequest.class);
	}

	/**
	 * The problem responses an operation can give, judged from its shape: the controllers stay free
	 * of documentation annotations, and a new operation is described without anyone remembering to.
	 * A response an operation declares itself is left as it is.
	 */
	@Bean
	OpenApiCustomizer problemResponses() {
		return (openApi) -> {
			// Added here, not on the OpenAPI bean: springdoc replaces the bean's schemas with the generated ones.
			if (openApi.getComponents() == null) {
				openApi.setComponents(new Components());
			}
			openApi.getComponents().addSchemas(PROBLEM, problemSchema());
			if (openApi.getPaths() == null) {
				return;
			}
			openApi.getPaths()
				.forEach((path, item) -> item.readOperationsMap()
					.forEach((method, operation) -> addProblems(path, method, operation)));
		};
	}

	private static void addProblems(String path, HttpMethod method, Operation operation) {
		boolean secured = operation.getSecurity() == null || !operation.getSecurity().isEmpty();
		boolean body = operation.getRequestBody() != null;
		boolean input = body || (operation.getParameters() != null && !operation.getParameters().isEmpty());
		boolean login = SESSIONS.equals(path) && method == HttpMethod.POST;
		if (operation.getResponses() == null) {
			operation.setResponses(new ApiResponses());
		}
		ApiResponses responses = operation.getResponses();
		add(responses, 400, input, "A field or parameter is missing or malformed");
		add(responses, 401, secured || login,
				login ? "Wrong username or password" : "No valid bearer token: log in with POST /api/sessions");
		add(responses, 403, secured && MEMBERS_ONLY.matcher(path).matches(), "Only the room's members may do this");
		add(responses, 404, secured && input, "The user, room or file named in the request does not exist");
		add(responses, 409, body && WRITES.contains(method) && !login,
				"It conflicts with what exists: a username or file name taken, or not being in a room");
		add(responses, 413, body, "The message or file is over the configured limit");
		add(responses, 429, true, login ? "Too many requests, or too many failed logins: wait Retry-After seconds"
				: "Too many requests or messages: wait Retry-After seconds");
		responses.get("429")
			.addHeaderObject(HttpHeaders.RETRY_AFTER,
					new Header().description("Seconds to wait before trying again").schema(new IntegerSchema()));
	}

	private static void add(ApiResponses responses, int status, boolean applies, String description) {
		if (applies) {
			responses.putIfAbsent(String.valueOf(status), new ApiResponse().description(description)
				.content(new Content().addMediaType(PROBLEM_JSON,
						new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
		}
	}

	private static Schema<?> problemSchema() {
		return new ObjectSchema()
			.description("An RFC 9457 problem. 'code' is the same stable code a TCP ERROR carries.")
			.addProperty("type", new StringSchema().format("uri"))
			.addProperty("title", new StringSchema())
			.addProperty("status", new IntegerSchema())
			.addProperty("detail", new StringSchema())
			.addProperty("instance", new StringSchema().format("uri"))
			.addProperty("code", new StringSchema()._enum(Arrays.stream(ErrorCode.values()).map(Enum::name).toList()))
			.addProperty("retryAfter",
					new IntegerSchema().description("With RATE_LIMITED: seconds to wait, as the Retry-After header"))
			.required(List.of("title", "status", "code"));
	}

}
