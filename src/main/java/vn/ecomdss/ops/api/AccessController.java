package vn.ecomdss.ops.api;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import vn.ecomdss.ops.AuditLog;
import vn.ecomdss.ops.OperationRefusedException;

/** Who is signed in, and the audit trail of operator actions. */
@RestController
@RequestMapping("/api/v1")
public class AccessController {

    public record Me(String name, List<String> roles) {
    }

    private final AuditLog audit;

    public AccessController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/me")
    @Operation(summary = "The signed-in user or token and its roles")
    public Me me(Authentication authentication) {
        return new Me(authentication.getName(), authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring(5)).sorted().toList());
    }

    @GetMapping("/audit")
    @Operation(summary = "The latest operator actions, newest first")
    public List<AuditLog.Entry> audit(@RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 500) {
            throw OperationRefusedException.badParameter("limit", "limit must be 1 to 500, got " + limit);
        }
        return audit.latest(limit);
    }
}
