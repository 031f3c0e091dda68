# The chat server as a container: built with the Maven wrapper, run from Spring Boot's
# extracted layers on a JRE, as a non-root user, with the database on a volume.
# scripts/container-proof.sh builds and runs this file unchanged.

FROM eclipse-temurin:25-jdk AS build
WORKDIR /build
# Dependencies first, in their own layer: a code change does not download them again.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw --batch-mode --no-transfer-progress dependency:go-offline
COPY src src
# The tests run in CI (./mvnw verify), not in the image build.
RUN ./mvnw --batch-mode --no-transfer-progress package -Dmaven.test.skip=true \
	&& cp target/chat-server-*.jar app.jar \
	&& java -Djarmode=tools -jar app.jar extract --layers --destination extracted

FROM eclipse-temurin:25-jre
# A fixed numeric id: a host directory mounted on /data must be writable by 10001, and
# Kubernetes' runAsNonRoot can only check a numeric USER.
RUN groupadd --system --gid 10001 chat \
	&& useradd --system --uid 10001 --gid chat --home-dir /app --no-create-home chat \
	&& mkdir -p /app /data && chown chat:chat /data
WORKDIR /app
# Least often changed first, so a new build mostly reuses the lower layers.
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
# A JDK AOT cache (JEP 483, 514): a training run that starts the context and exits before
# opening any port records the classes it loaded and linked, and every start after that
# maps them in instead of loading them again, roughly halving the start-up. The cache
# belongs to this JVM and this jar, so it is made here, on the image's own JRE.
RUN java -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh -jar app.jar \
		--spring.datasource.url=jdbc:h2:mem:training \
	&& chmod a+r app.aot
USER 10001:10001
VOLUME /data
# HTTP (REST, Swagger UI, actuator), the line protocol, the original's block framing.
EXPOSE 8080 8889 8890
# Settings come from the environment by Spring's relaxed binding: SERVER_PORT,
# CHAT_TCP_PORT, CHAT_TCP_LEGACYPORT, SPRING_DATASOURCE_URL, ... The heap is a share of the
# container's memory limit, and an OutOfMemoryError ends the process so the engine restarts it.
ENV SPRING_DATASOURCE_URL="jdbc:h2:file:/data/chat;WRITE_DELAY=0;RETENTION_TIME=0;DB_CLOSE_ON_EXIT=FALSE" \
	JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# The actuator answers 200 only while the database and both TCP listeners are UP (503
# otherwise). bash's /dev/tcp asks it, so the check needs no curl in the image; in plain HTTP,
# on its own port when MANAGEMENT_SERVER_PORT gives it one (as it must once the main port is HTTPS).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
	CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${MANAGEMENT_SERVER_PORT:-${SERVER_PORT:-8080}} && printf 'GET /actuator/health HTTP/1.0\\r\\n\\r\\n' >&3 && read -r status <&3 && [[ $status == 'HTTP/1.1 200 '* ]]"]
ENTRYPOINT ["java", "-XX:AOTCache=app.aot", "-jar", "app.jar"]
