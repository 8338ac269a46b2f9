# The application image, built from the jar that `./mvnw -B package` makes (no build inside the image, so no
# network is needed beyond the base image):
#   ./mvnw -B -q package -DskipTests && docker build -t ecommerce-dss:latest .
# Spring Boot's layered jar is unpacked into its layers (dependencies, spring-boot-loader, snapshot-dependencies,
# application), one image layer each, so that a code change rebuilds only the last, small one. Jib was not chosen:
# it pulls the base image itself at build time, which these build machines cannot do.
FROM eclipse-temurin:17-jre AS layers
WORKDIR /layers
COPY target/ecommerce-dss.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 dss && mkdir /data && chown dss /data
USER 10001
WORKDIR /app
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
ENV DSS_DATA_DIR=/data
EXPOSE 8080
# `server` for the web application and scheduler (ops/k8s/server.yaml); any other command of the CLI otherwise.
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
CMD ["server"]
