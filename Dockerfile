# syntax=docker/dockerfile:1
# Build: the Maven wrapper inside a JDK image; the dependency layer is cached until pom.xml changes.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY mvnw pom.xml schema.json episodes.schema.json tracks.schema.json ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q -DskipTests package \
    && java -Djarmode=tools -jar target/spotify-insights-*.jar extract --destination /build/app

# Run: a JRE, a non-root user, the data directory as a volume. The extracted layout (app.jar + lib/) starts faster
# than the fat jar; lib/ also holds the spark-bigquery connector the driver hands to a cluster's executors.
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /app insights \
    && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /build/app /app
RUN mkdir -p /app/data && chown -R insights /app/data
USER insights
ENV INSIGHTS_DATA_DIR=/app/data
VOLUME ["/app/data"]
EXPOSE 8080
# Liveness only: a stale pipeline or a revoked Spotify token shows in /actuator/health but must not restart the container.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/actuator/health/liveness || exit 1
# app.jar's manifest opens the JDK packages Spark needs (Add-Opens), so no JVM flags are required here.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
