package dev.chat.user.domain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.contracts.JsonInput;
import dev.chat.contracts.Problem.FieldError;

/** The contract's rules for account input. Pure, so every rule has a unit test. */
public final class AccountValidation {

    public static final int USERNAME_MIN = 3;
    public static final int USERNAME_MAX = 32;
    public static final int PASSWORD_MIN = 8;
    /** bcrypt reads at most 72 bytes; longer passwords would be silently truncated, so refuse them. */
    public static final int PASSWORD_MAX_BYTES = 72;
    public static final int EMAIL_MAX = 254;

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{" + USERNAME_MIN + "," + USERNAME_MAX + "}");
    // Deliberately plain: one @, a dot in the domain, no spaces or control characters (PostgreSQL refuses a NUL, which
    // would fail the call). The real check is a mail that arrives.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+\\.[^@\\s.\\p{Cntrl}]+");

    private AccountValidation() {
    }

    public record Registration(String username, String password, String email) {
    }

    public record Credentials(String username, String password) {
    }

    /** The registration, or the list of what is wrong with it. */
    public static Result<Registration> registration(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            return Result.invalid(List.of(new FieldError("body", "must be a JSON object")));
        }
        String username = text(body, "username", errors);
        String password = text(body, "password", errors);
        String email = text(body, "email", errors);
        if (username != null && !USERNAME.matcher(username).matches()) {
            errors.add(new FieldError("username",
                    USERNAME_MIN + " to " + USERNAME_MAX + " characters of letters, digits, '_', '.' or '-'"));
        }
        if (password != null) {
            if (password.codePointCount(0, password.length()) < PASSWORD_MIN) {
                errors.add(new FieldError("password", "at least " + PASSWORD_MIN + " characters"));
            } else if (password.getBytes(StandardCharsets.UTF_8).length > PASSWORD_MAX_BYTES) {
                errors.add(new FieldError("password", "at most " + PASSWORD_MAX_BYTES + " bytes"));
            }
        }
        if (email != null && (email.length() > EMAIL_MAX || !EMAIL.matcher(email).matches())) {
            errors.add(new FieldError("email", "not a valid email address"));
        }
        return errors.isEmpty() ? Result.valid(new Registration(username, password, email.trim())) : Result.invalid(errors);
    }

    public static Result<Credentials> credentials(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            return Result.invalid(List.of(new FieldError("body", "must be a JSON object")));
        }
        String username = text(body, "username", errors);
        String password = text(body, "password", errors);
        return errors.isEmpty() ? Result.valid(new Credentials(username, password)) : Result.invalid(errors);
    }

    /**
     * Whether some account could have these credentials: a username by the registration rules (3-32 of the allowed
     * characters) and a password bcrypt takes whole (at most 72 bytes). When not, a login needs no lookup and no hash.
     */
    public static boolean couldBeAnAccount(Credentials credentials) {
        return USERNAME.matcher(credentials.username()).matches()
                && credentials.password().getBytes(StandardCharsets.UTF_8).length <= PASSWORD_MAX_BYTES;
    }

    /** A required, non-blank string field; see {@link JsonInput#requiredText}. */
    public static String text(JsonNode body, String field, List<FieldError> errors) {
        return JsonInput.requiredText(body, field, errors);
    }

    /** Either a value or the reasons there is none. */
    public record Result<T>(T value, List<FieldError> errors) {
        static <T> Result<T> valid(T value) {
            return new Result<>(value, List.of());
        }

        static <T> Result<T> invalid(List<FieldError> errors) {
            return new Result<>(null, errors);
        }

        public boolean isValid() {
            return errors.isEmpty();
        }
    }
}
