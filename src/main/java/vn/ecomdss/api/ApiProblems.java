package vn.ecomdss.api;

import java.net.URI;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import graphql.GraphQLError;
import graphql.schema.DataFetchingEnvironment;

/**
 * Bad parameters of the read API: an RFC 9457 problem detail with the {@code field} over REST (as the admin API
 * answers), a BAD_REQUEST error with the same {@code field} extension over GraphQL.
 */
@RestControllerAdvice(basePackageClasses = ApiProblems.class)
class ApiProblems {

    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidParameterException e, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid parameter");
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("field", e.field());
        return ResponseEntity.badRequest().body(problem);
    }

    @GraphQlExceptionHandler
    GraphQLError invalid(InvalidParameterException e, DataFetchingEnvironment environment) {
        return GraphQLError.newError().errorType(ErrorType.BAD_REQUEST).message(e.getMessage())
                .path(environment.getExecutionStepInfo().getPath())
                .location(environment.getField().getSourceLocation())
                .extensions(Map.of("field", e.field())).build();
    }
}
