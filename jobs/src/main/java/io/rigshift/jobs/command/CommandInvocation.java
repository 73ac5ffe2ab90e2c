package io.rigshift.jobs.command;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rigshift.jobs.api.InvalidJobParameterException;
import io.rigshift.jobs.api.JobArguments;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a command job runs: the program's argv, the extra environment the user asked for, and how
 * long the program may take to exit once asked to stop.
 *
 * @param argv the program and its arguments, never empty
 * @param extraEnvironment variables added to the runner's environment (never a Rigshift one)
 * @param stopGrace time between SIGTERM and SIGKILL
 */
public record CommandInvocation(List<String> argv, Map<String, String> extraEnvironment, Duration stopGrace) {

    /** The parameter names of the command job type. */
    public static final String COMMAND = "command";
    public static final String STOP_GRACE = "stop-grace";
    public static final String ENV = "env";

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    // Strict: `["a"] x` or {"A":"1","A":"2"} is a typo, not a command.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    public CommandInvocation {
        argv = List.copyOf(argv);
        extraEnvironment = Map.copyOf(new LinkedHashMap<>(extraEnvironment));
        Objects.requireNonNull(stopGrace, "stopGrace");
        if (argv.isEmpty() || argv.get(0).isEmpty()) {
            throw new InvalidJobParameterException("parameter " + COMMAND + " names no program: expected a JSON "
                    + "array of strings such as [\"python3\",\"train.py\"]");
        }
        extraEnvironment.keySet().forEach(CommandInvocation::checkVariableName);
        if (stopGrace.isNegative()) {
            throw new IllegalArgumentException("stop grace must not be negative, was " + stopGrace);
        }
    }

    /** Reads the job's parameters; throws {@link InvalidJobParameterException} naming a bad one. */
    public static CommandInvocation from(JobArguments arguments) {
        List<String> argv = parseArgv(arguments.getString(COMMAND));
        Map<String, String> environment = arguments.optString(ENV).map(CommandInvocation::parseEnvironment)
                .orElse(Map.of());
        return new CommandInvocation(argv, environment, Duration.ofSeconds(arguments.getLong(STOP_GRACE)));
    }

    /** The argv as one line for the log, quoting words a shell would split. */
    public String displayed() {
        return argv.stream().map(CommandInvocation::quoted).collect(Collectors.joining(" "));
    }

    /** True for the variables the runner sets itself, which the {@code env} parameter may not override. */
    public static boolean isReserved(String name) {
        return name.startsWith("RIGSHIFT_") || name.equals("CUDA_VISIBLE_DEVICES");
    }

    private static List<String> parseArgv(String text) {
        JsonNode node = readJson(COMMAND, text);
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidJobParameterException("parameter " + COMMAND + "='" + text + "' is not valid: expected "
                    + "a non-empty JSON array of strings such as [\"python3\",\"train.py\",\"--lr\",\"3e-4\"]");
        }
        List<String> argv = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual() || element.textValue().indexOf('\0') >= 0) {
                throw new InvalidJobParameterException("parameter " + COMMAND + " has element " + element
                        + ": expected every element to be a JSON string without NUL characters");
            }
            argv.add(element.textValue());
        }
        return argv;
    }

    private static Map<String, String> parseEnvironment(String text) {
        JsonNode node = readJson(ENV, text);
        if (!node.isObject()) {
            throw new InvalidJobParameterException("parameter " + ENV + "='" + text + "' is not valid: expected a "
                    + "JSON object of names to strings such as {\"WANDB_MODE\":\"offline\"}");
        }
        Map<String, String> environment = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            checkVariableName(field.getKey());
            JsonNode value = field.getValue();
            if (!value.isTextual() || value.textValue().indexOf('\0') >= 0) {
                throw new InvalidJobParameterException("parameter " + ENV + " gives " + field.getKey() + " the value "
                        + value + ": expected a JSON string without NUL characters");
            }
            environment.put(field.getKey(), value.textValue());
        }
        return environment;
    }

    private static void checkVariableName(String name) {
        if (!VARIABLE_NAME.matcher(name).matches()) {
            throw new InvalidJobParameterException("parameter " + ENV + " names variable '" + name
                    + "': expected a name matching " + VARIABLE_NAME.pattern());
        }
        if (isReserved(name)) {
            throw new InvalidJobParameterException("parameter " + ENV + " may not set " + name
                    + ": the runner sets RIGSHIFT_* and CUDA_VISIBLE_DEVICES itself");
        }
    }

    private static JsonNode readJson(String parameter, String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new InvalidJobParameterException("parameter " + parameter + " is empty: expected JSON");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidJobParameterException("parameter " + parameter + "='" + text + "' is not valid JSON: "
                    + e.getOriginalMessage());
        }
    }

    private static String quoted(String word) {
        if (!word.isEmpty() && word.chars().noneMatch(c -> Character.isWhitespace(c) || "'\"\\$`".indexOf(c) >= 0)) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
