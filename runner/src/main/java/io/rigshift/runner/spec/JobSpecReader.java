package io.rigshift.runner.spec;

import io.rigshift.runner.training.DeviceChoice;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Reads a spec file ({@code rigshift train --spec job.yaml}) into a {@link JobSpec}. Every error is
 * a {@link JobSpecException} whose message names the field by its dotted path and its line. The
 * file is read as YAML nodes only: no tag builds a Java object, and any tag beyond plain text,
 * numbers, booleans, null, lists and mappings is refused. Instances are stateless and thread-safe.
 */
public final class JobSpecReader {

    /** The largest spec file read: a real one is a few hundred bytes. */
    public static final int MAX_BYTES = 1 << 20;

    // Aliases are rarely useful in a spec; a low limit refuses alias bombs (billion laughs) while
    // the composer still holds one node per anchor.
    private static final int MAX_ALIASES = 10;
    private static final int MAX_NESTING = 16;
    private static final int SHOWN_VALUE_CHARS = 40;

    private static final List<String> TOP = List.of("name", "tenant", "seed", "resources", "job", "command", "env",
            "max-restarts", "stop-grace", "checkpoint");
    private static final List<String> RESOURCES = List.of("gpus", "gpu-model", "device", "no-wait");
    private static final List<String> JOB = List.of("type", "jar", "params");
    private static final List<String> CHECKPOINT = List.of("every", "interval", "keep");

    // Implicitly resolved scalars are one of these; anything else came from an explicit tag.
    private static final Set<Tag> SCALAR_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL,
            Tag.TIMESTAMP);
    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");

    /** Reads the file; its path as given here is the FILE of every message. */
    public JobSpec read(Path file) {
        String shown = file.toString();
        String text = decode(shown, readBytes(shown, file));
        return read(shown, text, file.toAbsolutePath().getParent());
    }

    /**
     * Reads a spec given as text (from stdin, say): {@code file} names it in messages and
     * {@code folder} is what {@code job.jar} is resolved against (null: left relative).
     */
    public JobSpec read(String file, String text, Path folder) {
        Node root = compose(file, text);
        if (root == null) {
            throw JobSpecException.of(file, "the spec file is empty: expected a mapping of fields ("
                    + String.join(", ", TOP) + ")");
        }
        return new Fields(file, folder).spec(root);
    }

    private static byte[] readBytes(String shown, Path file) {
        if (Files.isDirectory(file)) {
            throw JobSpecException.of(shown, "cannot read the spec file: it is a folder");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw JobSpecException.of(shown, "the spec file is larger than " + MAX_BYTES + " bytes");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw JobSpecException.of(shown, "cannot read the spec file: no such file", e);
        } catch (AccessDeniedException e) {
            throw JobSpecException.of(shown, "cannot read the spec file: permission denied", e);
        } catch (IOException e) {
            throw JobSpecException.of(shown, "cannot read the spec file: " + oneLine(String.valueOf(e.getMessage())), e);
        }
    }

    /** Strict UTF-8, so that a bad byte is named with its line rather than read as U+FFFD. */
    private static String decode(String shown, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            // Everything before the bad byte decoded, so its line can be counted on that text.
            String before = new String(bytes, 0, in.position(), StandardCharsets.UTF_8);
            throw JobSpecException.at(shown, lineAt(before, before.codePointCount(0, before.length())),
                    String.format("the spec file is not UTF-8 text (byte 0x%02x)", bytes[in.position()] & 0xff));
        }
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static Node compose(String file, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setCodePointLimit(MAX_BYTES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setAllowRecursiveKeys(false);
        options.setMergeOnCompose(false);
        // Composing builds nodes, never Java objects, so the composer may keep any tag: the walk then
        // refuses every non-standard one naming its field. Never pair these options with Yaml.load.
        options.setTagInspector(tag -> true);
        try {
            return new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            return throwAt(file, mark, "not valid YAML: " + oneLine(String.valueOf(problem)));
        } catch (ReaderException e) {
            throw JobSpecException.at(file, lineAt(text, e.getPosition()), String.format(
                    "the spec file holds the character U+%04X, which YAML does not allow", e.getCodePoint()));
        } catch (YAMLException e) {
            throw JobSpecException.of(file, "not valid YAML: " + oneLine(String.valueOf(e.getMessage())), e);
        }
    }

    /** The 1-based line of a code point, counting line breaks as SnakeYAML's marks do. */
    private static int lineAt(String text, int codePointIndex) {
        int line = 1;
        int[] codePoints = text.codePoints().limit(Math.max(0, codePointIndex)).toArray();
        for (int i = 0; i < codePoints.length; i++) {
            int c = codePoints[i];
            boolean crAlone = c == '\r' && (i + 1 >= codePoints.length || codePoints[i + 1] != '\n');
            if (c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029 || crAlone) {
                line++;
            }
        }
        return line;
    }

    private static Node throwAt(String file, Mark mark, String message) {
        throw mark == null ? JobSpecException.of(file, message) : JobSpecException.at(file, mark.getLine() + 1, message);
    }

    /** The walk over one document's nodes, field by field, with the file for messages. */
    private static final class Fields {

        private final String file;
        private final Path folder;

        Fields(String file, Path folder) {
            this.file = file;
            this.folder = folder;
        }

        JobSpec spec(Node root) {
            checkTag(root, "the top level");
            if (!(root instanceof MappingNode mapping)) {
                throw error(root, "the top level must be a mapping of fields (" + String.join(", ", TOP) + "), was "
                        + describe(root));
            }
            Map<String, NodeTuple> fields = fields(mapping, "", TOP);
            NodeTuple job = fields.get("job");
            NodeTuple command = fields.get("command");
            if (job != null && command != null) {
                NodeTuple second = line(job.getKeyNode()) > line(command.getKeyNode()) ? job : command;
                NodeTuple first = second == job ? command : job;
                throw error(second.getKeyNode(), "'job' and 'command' are mutually exclusive (" + key(first)
                        + " is on line " + line(first.getKeyNode()) + "): give one");
            }
            return new JobSpec(file,
                    optional(fields, "name", node -> named(node, "name", JobSpec.NAME, "a name")),
                    optional(fields, "tenant", node -> named(node, "tenant", JobSpec.NAME, "a tenant")),
                    optional(fields, "seed", node -> integer(node, "seed", Long.MIN_VALUE, Long.MAX_VALUE)),
                    optional(fields, "resources", this::resources),
                    optional(fields, "job", this::job),
                    optional(fields, "command", this::command),
                    optional(fields, "env", node -> scalarMap(node, "env", JobSpec.ENV_NAME,
                            "an environment variable name ([A-Za-z_][A-Za-z0-9_]*)")),
                    optional(fields, "max-restarts", node -> (int) integer(node, "max-restarts", 0, Integer.MAX_VALUE)),
                    optional(fields, "stop-grace",
                            node -> Duration.ofSeconds(integer(node, "stop-grace", 0, Integer.MAX_VALUE))),
                    optional(fields, "checkpoint", this::checkpoint));
        }

        private JobSpec.Resources resources(Node node) {
            Map<String, NodeTuple> fields = fields(mapping(node, "resources"), "resources.", RESOURCES);
            return new JobSpec.Resources(
                    optional(fields, "gpus", value -> (int) integer(value, "resources.gpus", 1, Integer.MAX_VALUE)),
                    optional(fields, "gpu-model", value -> {
                        String model = text(value, "resources.gpu-model", "a GPU model name");
                        if (model.isBlank()) {
                            throw wrong(value, "resources.gpu-model", "a GPU model name");
                        }
                        return model;
                    }),
                    optional(fields, "device", value -> {
                        String device = text(value, "resources.device", "one of auto, cpu, gpu");
                        return switch (device) {
                            case "auto" -> DeviceChoice.auto;
                            case "cpu" -> DeviceChoice.cpu;
                            case "gpu" -> DeviceChoice.gpu;
                            default -> throw wrong(value, "resources.device", "one of auto, cpu, gpu");
                        };
                    }),
                    optional(fields, "no-wait", value -> {
                        String flag = text(value, "resources.no-wait", "true or false");
                        return switch (flag) {
                            case "true" -> Boolean.TRUE;
                            case "false" -> Boolean.FALSE;
                            default -> throw wrong(value, "resources.no-wait", "true or false");
                        };
                    }));
        }

        private JobSpec.Job job(Node node) {
            Map<String, NodeTuple> fields = fields(mapping(node, "job"), "job.", JOB);
            return new JobSpec.Job(
                    optional(fields, "type", value -> named(value, "job.type", JobSpec.JOB_TYPE, "a job type name")),
                    optional(fields, "jar", this::jar),
                    optional(fields, "params", value -> scalarMap(value, "job.params", JobSpec.PARAMETER,
                            "a parameter name ([a-z][a-z0-9-]{0,62})")));
        }

        private Path jar(Node node) {
            String jar = text(node, "job.jar", "a path to a jar");
            try {
                if (jar.isBlank()) {
                    throw new InvalidPathException(jar, "blank");
                }
                // A relative jar sits beside the spec file, wherever the user runs rigshift from.
                return folder == null ? Path.of(jar).normalize() : folder.resolve(jar).normalize();
            } catch (InvalidPathException e) {
                throw wrong(node, "job.jar", "a path to a jar");
            }
        }

        private JobSpec.Checkpoint checkpoint(Node node) {
            Map<String, NodeTuple> fields = fields(mapping(node, "checkpoint"), "checkpoint.", CHECKPOINT);
            return new JobSpec.Checkpoint(
                    optional(fields, "every", value -> integer(value, "checkpoint.every", 1, Long.MAX_VALUE)),
                    optional(fields, "interval", value -> integer(value, "checkpoint.interval", 1, Long.MAX_VALUE)),
                    optional(fields, "keep", value -> (int) integer(value, "checkpoint.keep", 1, Integer.MAX_VALUE)));
        }

        private List<String> command(Node node) {
            checkTag(node, "command");
            List<String> words;
            if (node instanceof SequenceNode sequence) {
                words = new ArrayList<>();
                for (int i = 0; i < sequence.getValue().size(); i++) {
                    words.add(text(sequence.getValue().get(i), "command[" + i + "]", "text"));
                }
            } else {
                String line = text(node, "command", "a list of strings or one command line");
                try {
                    words = ShellWords.split(line);
                } catch (IllegalArgumentException e) {
                    throw error(node, "'command' is not a valid command line: " + e.getMessage());
                }
            }
            if (words.isEmpty()) {
                throw error(node, "'command' is empty: expected a program and its arguments");
            }
            return words;
        }

        /** A mapping of names (matching {@code names}) to scalars, each kept as its text. */
        private Map<String, String> scalarMap(Node node, String path, Pattern names, String expectedName) {
            Map<String, String> values = new LinkedHashMap<>();
            for (Map.Entry<String, NodeTuple> entry : fields(mapping(node, path), path + ".", null).entrySet()) {
                String name = entry.getKey();
                if (!names.matcher(name).matches()) {
                    throw error(entry.getValue().getKeyNode(), "'" + path + "." + shown(name) + "' is not "
                            + expectedName);
                }
                values.put(name, text(entry.getValue().getValueNode(), path + "." + name,
                        "a value (text, number or true/false)"));
            }
            return values;
        }

        /**
         * The fields of a mapping by name, in order; refuses a non-text name, a duplicate, and (when
         * {@code allowed} is not null) a name not allowed. {@code prefix} is the mapping's dotted path
         * with its trailing dot.
         */
        private Map<String, NodeTuple> fields(MappingNode mapping, String prefix, List<String> allowed) {
            Map<String, NodeTuple> fields = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                String where = prefix.isEmpty() ? "the top level" : prefix.substring(0, prefix.length() - 1);
                // "<<" resolves to the merge tag; it is refused below as an unknown field.
                if (!Tag.MERGE.equals(keyNode.getTag())) {
                    checkTag(keyNode, "a field name in " + where);
                }
                if (!(keyNode instanceof ScalarNode scalar) || scalar.getTag() == Tag.NULL) {
                    throw error(keyNode, "a field name in " + where + " must be text, was " + describe(keyNode));
                }
                String name = scalar.getValue();
                if (allowed != null && !allowed.contains(name)) {
                    throw error(keyNode, "unknown field '" + shown(prefix + name) + "'; allowed: "
                            + String.join(", ", allowed));
                }
                NodeTuple before = fields.putIfAbsent(name, tuple);
                if (before != null) {
                    throw error(keyNode, "duplicate field '" + shown(prefix + name) + "' (first on line "
                            + line(before.getKeyNode()) + ")");
                }
            }
            return fields;
        }

        private MappingNode mapping(Node node, String path) {
            checkTag(node, path);
            if (!(node instanceof MappingNode mapping)) {
                throw wrong(node, path, "a mapping");
            }
            return mapping;
        }

        private String named(Node node, String path, Pattern pattern, String what) {
            String expected = what + " (1-63 characters of a-z, 0-9 and '-', starting with a letter or digit)";
            String value = text(node, path, expected);
            if (!pattern.matcher(value).matches()) {
                throw wrong(node, path, expected);
            }
            return value;
        }

        private long integer(Node node, String path, long min, long max) {
            String expected = min == Long.MIN_VALUE ? "an integer" : "an integer >= " + min;
            String value = text(node, path, expected);
            if (!DECIMAL.matcher(value).matches()) {
                throw wrong(node, path, expected);
            }
            long number;
            try {
                number = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw wrong(node, path, "an integer from " + min + " to " + max);
            }
            if (number < min) {
                throw wrong(node, path, expected);
            }
            if (number > max) {
                throw wrong(node, path, "an integer from " + min + " to " + max);
            }
            return number;
        }

        /** A scalar's text as written ({@code 3e-4}, {@code true}); refuses null, lists and mappings. */
        private String text(Node node, String path, String expected) {
            checkTag(node, path);
            if (!(node instanceof ScalarNode scalar) || scalar.getTag() == Tag.NULL) {
                throw wrong(node, path, expected);
            }
            return scalar.getValue();
        }

        private void checkTag(Node node, String path) {
            boolean standard = switch (node.getNodeId()) {
                case scalar -> SCALAR_TAGS.contains(node.getTag());
                case sequence -> node.getTag().equals(Tag.SEQ);
                case mapping -> node.getTag().equals(Tag.MAP);
                default -> false;
            };
            if (!standard) {
                String tag = node.getTag().getValue();
                if (tag.startsWith(Tag.PREFIX)) {
                    tag = "!!" + tag.substring(Tag.PREFIX.length());
                }
                throw error(node, "'" + shown(path) + "' has the tag '" + shown(tag) + "'; a spec file takes plain "
                        + "values (text, numbers, true/false, lists, mappings) without tags");
            }
        }

        private static <T> T optional(Map<String, NodeTuple> fields, String name, Function<Node, T> reader) {
            NodeTuple tuple = fields.get(name);
            return tuple == null ? null : reader.apply(tuple.getValueNode());
        }

        private JobSpecException wrong(Node node, String path, String expected) {
            return error(node, "'" + shown(path) + "' must be " + expected + ", was " + describe(node));
        }

        private JobSpecException error(Node node, String message) {
            int line = line(node);
            return line > 0 ? JobSpecException.at(file, line, message) : JobSpecException.of(file, message);
        }

        private static String key(NodeTuple tuple) {
            return ((ScalarNode) tuple.getKeyNode()).getValue();
        }

        private static int line(Node node) {
            return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
        }

        private static String describe(Node node) {
            if (node instanceof MappingNode) {
                return "a mapping";
            }
            if (node instanceof SequenceNode) {
                return "a list";
            }
            ScalarNode scalar = (ScalarNode) node;
            return scalar.getTag() == Tag.NULL ? "empty" : "'" + shown(scalar.getValue()) + "'";
        }
    }

    /** A value as a message shows it: on one line and short, whatever the file held. */
    private static String shown(String value) {
        String line = oneLine(value);
        return line.length() > SHOWN_VALUE_CHARS ? line.substring(0, SHOWN_VALUE_CHARS) + "..." : line;
    }

    private static String oneLine(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || c == 0x85) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString().strip();
    }
}
