package vn.ecomdss.api.predictions;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import vn.ecomdss.ml.Recommendations;

/**
 * A customer's recommended products and a product's "frequently bought together" products, from the recommendations
 * champion held in the server, for a VIEWER. No champion yet is a 503; an unknown customer or product a 404.
 */
@RestController
@RequestMapping("/api/v1/predictions")
@Tag(name = "Predictions", description = "The champion models' predictions for one product or customer")
public class RecommendationsController {

    private final Recommendations recommendations;

    public RecommendationsController(Recommendations recommendations) {
        this.recommendations = recommendations;
    }

    @GetMapping("/recommendations/{source}/{customerId}")
    @Operation(summary = "The products the customer is most likely to buy next, none they bought already")
    public Recommendations.Recommended recommendations(@PathVariable String source, @PathVariable String customerId) {
        return recommendations.forCustomer(source, customerId);
    }

    @GetMapping("/related-products/{source}/{productId}")
    @Operation(summary = "The products most often bought in the same orders as this one")
    public Recommendations.Related related(@PathVariable String source, @PathVariable String productId) {
        return recommendations.relatedTo(source, productId);
    }

    @ExceptionHandler(Recommendations.Unavailable.class)
    ResponseEntity<ProblemDetail> unavailable(Recommendations.Unavailable e, HttpServletRequest request) {
        HttpStatus status = e.noChampion() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.NOT_FOUND;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setTitle(e.noChampion() ? "No champion model" : "No recommendation for this customer or product");
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(status).body(problem);
    }
}
