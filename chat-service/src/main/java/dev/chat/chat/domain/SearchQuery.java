package dev.chat.chat.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.chat.domain.ChatValidation.Result;
import dev.chat.contracts.Problem.FieldError;

/**
 * A full-text search: its words, as a PostgreSQL tsquery in which every word must match and the last one also as a
 * prefix (so a search typed so far, "deplo", finds "deploy"). Words are runs of letters and digits; everything else in
 * {@code q} separates them, so nothing a user types reaches the tsquery syntax.
 */
public record SearchQuery(List<String> words, UUID roomId, int limit, int offset) {

    public static final int MAX_QUERY_LENGTH = 200;
    public static final int MAX_WORDS = 8;
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 50;
    /** Deeper pages cost a scan of every match before them; nobody reads past the fiftieth page of a search. */
    public static final int MAX_OFFSET = 1000;

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    /** {@code {q, roomId?, limit?, offset?}}, numbers as JSON numbers or strings (query parameters). */
    public static Result<SearchQuery> of(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (!ChatValidation.isObject(body, errors)) {
            return Result.of(null, errors);
        }
        String q = ChatValidation.requiredText(body, "q", errors);
        List<String> words = new ArrayList<>();
        if (q != null && q.codePointCount(0, q.length()) > MAX_QUERY_LENGTH) {
            errors.add(new FieldError("q", "at most " + MAX_QUERY_LENGTH + " characters"));
        } else if (q != null) {
            Matcher word = WORD.matcher(q);
            while (word.find()) {
                words.add(word.group().toLowerCase(Locale.ROOT));
            }
            if (words.isEmpty()) {
                errors.add(new FieldError("q", "must hold a word: letters or digits"));
            } else if (words.size() > MAX_WORDS) {
                errors.add(new FieldError("q", "at most " + MAX_WORDS + " words"));
            }
        }
        UUID roomId = body.hasNonNull("roomId") ? ChatValidation.uuid(body, "roomId", errors) : null;
        int limit = ChatValidation.boundedInt(body, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT, errors);
        int offset = ChatValidation.boundedInt(body, "offset", 0, 0, MAX_OFFSET, errors);
        return Result.of(new SearchQuery(List.copyOf(words), roomId, limit, offset), errors);
    }

    /** The words as a tsquery: all of them, the last also as a prefix. */
    public String tsquery() {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            query.append(i == 0 ? "" : " & ").append(words.get(i)).append(i == words.size() - 1 ? ":*" : "");
        }
        return query.toString();
    }
}
