package org.progjar.chat.testing;

import tools.jackson.databind.JsonNode;

import org.progjar.chat.testing.HttpApi.Result;

import static org.assertj.core.api.Assertions.assertThat;

/** What every HTTP failure must look like: an RFC 9457 problem with the TCP error code. */
public final class Problems {

	private Problems() {
	}

	/** An RFC 9457 problem with the TCP error code, and nothing of the server's insides. */
	public static JsonNode assertProblem(Result result, int status, String code) {
		assertThat(result.status()).as(result.text()).isEqualTo(status);
		assertThat(result.header("Content-Type")).startsWith("application/problem+json");
		JsonNode problem = result.json();
		assertThat(problem.get("code").asString()).isEqualTo(code);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("title").asString()).isNotBlank();
		assertThat(problem.get("detail").asString()).isNotBlank();
		assertThat(problem.has("trace")).isFalse();
		assertThat(problem.has("exception")).isFalse();
		assertThat(result.text()).doesNotContain("Exception", "\tat ", "org.springframework", "org.progjar");
		return problem;
	}

}
