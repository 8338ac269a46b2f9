package vn.ecomdss.ops.security;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import tools.jackson.databind.json.JsonMapper;

import vn.ecomdss.ops.AuditLog;

/**
 * Nothing is open without authentication but health. GET and GraphQL queries need VIEWER; every other method needs
 * OPERATOR (which implies VIEWER). People sign in with a form (the dashboard) or HTTP Basic; machines send an API
 * token. API clients get 401 and 403 as problem details; a refused operator action is audited like any other.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class WebSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(WebSecurityConfiguration.class);
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private final JsonMapper json = JsonMapper.builder().build();

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix().role("OPERATOR").implies("VIEWER").build();
    }

    @Bean
    UserDetailsService users(AccessProperties access, PasswordEncoder encoder,
                             @Value("${server.address:}") String serverAddress) {
        List<String> problems = new ArrayList<>();
        List<UserDetails> users = new ArrayList<>();
        for (int i = 0; i < access.users().size(); i++) {
            AccessProperties.User user = access.users().get(i);
            String field = "dss.security.users[" + i + "]";
            if (user.name() == null || user.name().isBlank()) {
                problems.add(field + ".name is missing");
            } else if (user.passwordHash() == null || !BCRYPT.matcher(user.passwordHash()).matches()) {
                problems.add(field + ".password-hash of '" + user.name() + "' is not a bcrypt hash ($2a$/$2b$/$2y$)");
            } else if (user.roles() == null || user.roles().isEmpty()) {
                problems.add(field + ".roles of '" + user.name() + "' is empty (VIEWER or OPERATOR)");
            } else {
                users.add(User.withUsername(user.name()).password(user.passwordHash())
                        .roles(user.roles().stream().map(Enum::name).toArray(String[]::new)).build());
            }
        }
        for (int i = 0; i < access.tokens().size(); i++) {
            AccessProperties.Token token = access.tokens().get(i);
            String field = "dss.security.tokens[" + i + "]";
            if (token.name() == null || token.sha256() == null || !SHA256.matcher(token.sha256()).matches()) {
                problems.add(field + " needs a name and the sha256 (64 hex digits) of the token");
            } else if (token.roles() == null || token.roles().isEmpty()) {
                problems.add(field + ".roles of token '" + token.name() + "' is empty (VIEWER or OPERATOR)");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid access configuration: " + String.join("; ", problems));
        }
        if (users.isEmpty() && access.tokens().isEmpty() && access.demoUsers()) {
            if (!loopback(serverAddress)) {
                throw new IllegalStateException("The demo users operator/operator and viewer/viewer are for local use "
                        + "only, but server.address is '" + serverAddress + "'; configure dss.security.users "
                        + "(DSS_SECURITY_USERS_0_NAME, DSS_SECURITY_USERS_0_PASSWORD_HASH, DSS_SECURITY_USERS_0_ROLES)");
            }
            log.warn("Signing in with the LOCAL DEMO users operator/operator and viewer/viewer; "
                    + "configure dss.security.users for anything but a local demo");
            users.add(User.withUsername("operator").password(encoder.encode("operator")).roles("OPERATOR").build());
            users.add(User.withUsername("viewer").password(encoder.encode("viewer")).roles("VIEWER").build());
        }
        if (users.isEmpty() && access.tokens().isEmpty()) {
            log.warn("No users or API tokens are configured (dss.security.users, dss.security.tokens): "
                    + "nobody can sign in");
        }
        return new InMemoryUserDetailsManager(users);
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, AccessProperties access, AuditLog audit) throws Exception {
        AuthenticationEntryPoint entryPoint = this::unauthenticated;
        AccessDeniedHandler denied = (request, response, e) -> {
            Authentication who = SecurityContextHolder.getContext().getAuthentication();
            String actor = who == null ? "anonymous" : who.getName();
            if (!HttpMethod.GET.matches(request.getMethod())) {
                audit.record(actor, request.getMethod() + " " + request.getRequestURI(), request.getRequestURI(),
                        "refused 403", e.getMessage());
            }
            problem(response, HttpStatus.FORBIDDEN, "Forbidden", actor + " may not " + request.getMethod() + " "
                    + request.getRequestURI() + ": " + (HttpMethod.GET.matches(request.getMethod())
                    ? "the VIEWER role is needed" : "the OPERATOR role is needed (or a CSRF token is missing)"),
                    request);
        };
        http.authorizeHttpRequests(authorize -> authorize
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/login.html", "/login.js", "/dashboard.css", "/favicon.svg").permitAll()
                        .requestMatchers(HttpMethod.GET, "/**").hasRole("VIEWER")
                        // GraphQL queries arrive as POST but only read: the schema has no mutations.
                        .requestMatchers(HttpMethod.POST, "/graphql").hasRole("VIEWER")
                        .anyRequest().hasRole("OPERATOR"))
                .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
                .formLogin(form -> form.loginPage("/login.html").loginProcessingUrl("/login")
                        .defaultSuccessUrl("/", true).failureUrl("/login.html?error").permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login.html?signed-out"))
                // CSRF guards requests authenticated by the session cookie; a request with its own credentials, or
                // with no session at all (so nothing a forged request could ride on), answers 401/403 on its own.
                .csrf(csrf -> csrf.spa().ignoringRequestMatchers(request -> request.getHeader("Authorization") != null
                        || request.getRequestedSessionId() == null))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                .addFilterBefore(new ApiTokenFilter(access.tokens(), entryPoint), BasicAuthenticationFilter.class);
        return http.build();
    }

    private static boolean loopback(String address) {
        try {
            return address != null && !address.isBlank() && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** API clients get a 401 problem detail with a Basic challenge; a browser page goes to the sign-in form. */
    private void unauthenticated(HttpServletRequest request, HttpServletResponse response,
                                 org.springframework.security.core.AuthenticationException e) throws IOException {
        String path = request.getRequestURI();
        if (path.startsWith("/api/") || path.startsWith("/ws/") || path.startsWith("/actuator/") || path.startsWith("/v3/")
                || path.equals("/graphql") || request.getHeader("Authorization") != null) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"ecommerce-dss\"");
            problem(response, HttpStatus.UNAUTHORIZED, "Unauthorized", "sign in with HTTP Basic or send "
                    + "'Authorization: Bearer <token>': " + e.getMessage(), request);
        } else {
            response.sendRedirect("/login.html");
        }
    }

    private void problem(HttpServletResponse response, HttpStatus status, String title, String detail,
                         HttpServletRequest request) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write(json.writeValueAsString(problem));
    }
}
