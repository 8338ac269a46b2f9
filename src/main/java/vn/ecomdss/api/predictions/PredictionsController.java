package vn.ecomdss.api.predictions;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.ecomdss.api.InvalidParameterException;
import vn.ecomdss.ml.CustomerPredictions;
import vn.ecomdss.ml.DemandPredictions;
import vn.ecomdss.ml.PredictionUnavailable;
import vn.ecomdss.ml.PricePredictions;

/**
 * Predictions on request from the champions held in the server, for a VIEWER. No champion yet is a 503 (retrain,
 * then ask again); a product or customer the model does not know is a 404 saying why.
 */
@RestController
@RequestMapping("/api/v1/predictions")
@Tag(name = "Predictions", description = "The champion models' predictions for one product or customer")
public class PredictionsController {

    private final DemandPredictions demand;
    private final PricePredictions price;
    private final CustomerPredictions customers;

    public PredictionsController(DemandPredictions demand, PricePredictions price, CustomerPredictions customers) {
        this.demand = demand;
        this.price = price;
        this.customers = customers;
    }

    @GetMapping("/demand/{source}/{productId}")
    @Operation(summary = "Units per day from the day after the product's last loaded day, with a 10-90% interval")
    public DemandPredictions.Forecast demand(@PathVariable String source, @PathVariable String productId,
                                             @Parameter(description = "days ahead, 1 to the champion's horizon")
                                             @RequestParam(required = false) Integer days) {
        if (days != null && (days < 1 || days > 90)) {
            throw new InvalidParameterException("days", "days must be from 1 to 90, got " + days);
        }
        return demand.forecast(source, productId, days);
    }

    @GetMapping("/price/{source}/{productId}")
    @Operation(summary = "The listing's expected price in VND at the end of the latest scored day, its gap and flag")
    public PricePredictions.Price price(@PathVariable String source, @PathVariable String productId) {
        return price.estimate(source, productId);
    }

    @GetMapping("/customers/{source}/{customerId}")
    @Operation(summary = "The customer's predicted spend in VND over the value model's horizon, churn probability "
            + "and segment, on their features at the end of the latest scored day")
    public CustomerPredictions.CustomerPrediction customer(@PathVariable String source,
                                                           @PathVariable String customerId) {
        return customers.predict(source, customerId);
    }

    @ExceptionHandler(PredictionUnavailable.class)
    ResponseEntity<ProblemDetail> unavailable(PredictionUnavailable e, HttpServletRequest request) {
        HttpStatus status = e.noChampion() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.NOT_FOUND;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setTitle(e.noChampion() ? "No champion model" : "No prediction for this entity");
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(status).body(problem);
    }
}
