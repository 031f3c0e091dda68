# syntax=docker/dockerfile:1
# The chat server as a container: built with the Maven wrapper, run from Spring Boot's
# extracted layers on a JRE, as a non-root user, with the database on a volume.

FROM eclipse-temurin:21-jdk AS build
WORKDIR /build
# Dependencies first, in their own layer: a code change does not download them again.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw --batch-mode --no-transfer-progress dependency:go-offline
COPY src src
RUN ./mvnw --batch-mode --no-transfer-progress package -DskipTests \
	&& cp target/chat-server-*.jar app.jar \
	&& java -Djarmode=tools -jar app.jar extract --layers --destination extracted

FROM eclipse-temurin:21-jre
RUN groupadd --system chat && useradd --system --gid chat --home-dir /app chat \
	&& mkdir -p /app /data && chown chat:chat /data
WORKDIR /app
# Least often changed first, so a new build mostly reuses the lower layers.
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
USER chat
VOLUME /data
# HTTP (REST, Swagger UI, actuator), the line protocol, the original's block framing.
EXPOSE 8080 8889 8890
# Settings come from the environment by Spring's relaxed binding: CHAT_TCP_PORT, SERVER_PORT, ...
ENV SPRING_DATASOURCE_URL="jdbc:h2:file:/data/chat;WRITE_DELAY=0;RETENTION_TIME=0;DB_CLOSE_ON_EXIT=FALSE" \
	JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# No curl in the JRE image: bash's /dev/tcp asks the actuator.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
	CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${SERVER_PORT:-8080} && printf 'GET /actuator/health HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q '\"status\":\"UP\"' <&3"]
ENTRYPOINT ["java", "-jar", "app.jar"]
