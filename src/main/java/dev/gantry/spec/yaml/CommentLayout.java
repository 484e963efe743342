package dev.gantry.spec.yaml;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.comments.CommentType;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.CommentEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML text cut into pieces that say which key each comment belongs to. SnakeYAML's parser
 * (with comment events) finds the comments, so a '#' inside a quoted or block value is never taken
 * for one. A comment on its own line belongs to the key or list item below it ({@link Place#LEAD}),
 * or, when it is indented under the map or list that ends right above it, to the end of that map
 * or list ({@link Place#END}); the comments at the top of the file up to the last blank line before
 * the first key are the file's {@link Place#HEAD}. A comment after a value belongs to that line's
 * key. Paths are dotted keys; block-list items are {@code list[value]} (or {@code list[index]}).
 */
final class CommentLayout {
    enum Place { HEAD, LEAD, END }

    /** One line of a comment block: a comment or a blank line. {@code number} is 1-based. */
    record BlockLine(int number, String text, boolean comment) {
        String commentText() { return text.strip().substring(1).strip(); }
    }

    sealed interface Piece permits Block, Content {}

    /** Comment and blank lines for one place; {@code indent} is the column of the key (LEAD) or of the items (END). */
    record Block(Place place, String path, int indent, List<BlockLine> lines) implements Piece {
        String key() { return place + ":" + path; }
    }

    /** Any other line; {@code path} is the key or item that starts on it, {@code eol} the column of a comment after it or -1. */
    record Content(int number, String text, String path, int eol) implements Piece {
        String body() { return eol < 0 ? text : text.substring(0, eol).stripTrailing(); }
        String comment() { return eol < 0 ? null : text.substring(eol).substring(1).strip(); }
        /** The comment as written, with the spaces before it. */
        String commentAsWritten() { return eol < 0 ? "" : text.substring(body().length()); }
    }

    /** A list written {@code key: [a, "b c"]} on one line: where its brackets are and each item as written. */
    record FlowList(int line, int open, int close, List<String> items) {}

    final List<Piece> pieces = new ArrayList<>();
    /** Lists written one item per line ({@code - a}), by path. */
    final java.util.Set<String> blockLists = new java.util.HashSet<>();
    /** Lists of plain values written on one line, by path. */
    final Map<String, FlowList> flowLists = new HashMap<>();

    private final String[] lines;
    private final Deque<Frame> stack = new ArrayDeque<>();
    private final List<Frame> closed = new ArrayList<>();
    private final List<BlockLine> pending = new ArrayList<>();
    private final Map<Integer, Integer> eolColumn = new HashMap<>();
    private final Map<Integer, String> lineAnchor = new HashMap<>();
    private String lastAnchor;
    private int cursor = 1;
    private boolean first = true;

    private static final class Frame {
        final String path;
        final boolean map, flow;
        final int childColumn;
        final List<String> items = new ArrayList<>();
        boolean onlyScalars = true;
        int startLine;
        boolean expectKey = true;
        int index;
        String key;

        Frame(String path, boolean map, boolean flow, int childColumn) {
            this.path = path;
            this.map = map;
            this.flow = flow;
            this.childColumn = childColumn;
        }
    }

    private CommentLayout(String text) {
        String[] all = text.split("\n", -1);
        // A final newline is not a line of its own.
        this.lines = text.endsWith("\n") ? java.util.Arrays.copyOf(all, all.length - 1) : all;
    }

    /** Cuts {@code text} into pieces; throws SnakeYAML's exception when it is not YAML. */
    static CommentLayout of(String text) {
        CommentLayout l = new CommentLayout(text);
        l.read(text);
        return l;
    }

    private void read(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setProcessComments(true);
        Parser parser = new ParserImpl(new StreamReader(new StringReader(text)), options);
        while (parser.peekEvent() != null) {
            Event e = parser.getEvent();
            int line = e.getStartMark().getLine() + 1, column = e.getStartMark().getColumn();
            if (e instanceof CommentEvent c) {
                comment(c, line, column);
            } else if (e instanceof CollectionStartEvent s) {
                boolean flow = s.getFlowStyle() == DumperOptions.FlowStyle.FLOW;
                String path = stack.isEmpty() ? "" : valuePath(null);
                if (!stack.isEmpty() && !stack.peek().map && !stack.peek().flow) anchor(path, line, stack.peek().childColumn);
                if (!stack.isEmpty()) stack.peek().onlyScalars = false;
                Frame f = new Frame(path, s instanceof MappingStartEvent, flow || insideFlow(), column);
                f.startLine = line;
                if (!f.map && !flow) blockLists.add(path);
                stack.push(f);
            } else if (e instanceof ScalarEvent s) {
                if (!stack.isEmpty() && !stack.peek().map && line == e.getEndMark().getLine() + 1) {
                    stack.peek().items.add(lines[line - 1].substring(charAt(line, column), charAt(line, e.getEndMark().getColumn())));
                }
                scalar(s.getValue(), line, column);
            } else if (e.is(Event.ID.MappingEnd) || e.is(Event.ID.SequenceEnd)) {
                Frame f = stack.pop();
                if (!f.flow) closed.add(f);
                int endLine = e.getEndMark().getLine() + 1;
                if (!f.map && f.flow && f.onlyScalars && f.startLine == endLine && !stack.isEmpty() && stack.peek().map && !stack.peek().flow) {
                    flowLists.put(f.path, new FlowList(line, charAt(line, f.childColumn), charAt(line, column), List.copyOf(f.items)));
                }
                valueDone();
            } else if (e.is(Event.ID.DocumentEnd)) {
                resolve(null, -1, lines.length + 1);
            }
            if (e.is(Event.ID.StreamEnd)) break;
        }
        resolve(null, -1, lines.length + 1);
        contentUpTo(lines.length);
    }

    /** SnakeYAML counts columns in code points; Java strings index chars (an emoji is two). */
    private int charAt(int line, int column) {
        String s = lines[line - 1];
        return s.offsetByCodePoints(0, Math.min(column, s.codePointCount(0, s.length())));
    }

    private boolean insideFlow() { return !stack.isEmpty() && stack.peek().flow; }

    private void comment(CommentEvent c, int line, int column) {
        if (c.getCommentType() == CommentType.IN_LINE) {
            eolColumn.putIfAbsent(line, charAt(line, column));
            if (lastAnchor != null) lineAnchor.putIfAbsent(line, lastAnchor);
        } else if (line <= lines.length) {
            boolean blank = c.getCommentType() == CommentType.BLANK_LINE;
            pending.add(new BlockLine(line, lines[line - 1], !blank));
        }
    }

    private void scalar(String value, int line, int column) {
        Frame top = stack.peek();
        if (top == null) return;
        if (top.map && top.expectKey) {
            String path = top.path.isEmpty() ? value : top.path + "." + value;
            if (!top.flow) anchor(path, line, column);
            top.expectKey = false;
            top.key = path;
            return;
        }
        String path = valuePath(value);
        if (!top.map && !top.flow) anchor(path, line, top.childColumn);
        valueDone();
    }

    /** The path of the value about to be read in the current collection. */
    private String valuePath(String scalar) {
        Frame top = stack.peek();
        if (top.map) return top.key;
        return top.path + "[" + (scalar != null ? scalar : String.valueOf(top.index)) + "]";
    }

    private void valueDone() {
        Frame top = stack.peek();
        if (top == null) return;
        if (top.map) top.expectKey = true;
        else top.index++;
    }

    private void anchor(String path, int line, int column) {
        resolve(path, column, line);
        lineAnchor.put(line, path);
        lastAnchor = path;
    }

    /**
     * Hands the comment lines read since the last key to the maps and lists that just ended (those
     * indented under them) and to the next key (the rest), then records the content before them.
     */
    private void resolve(String next, int nextColumn, int nextLine) {
        contentUpTo(Math.min(lines.length, (pending.isEmpty() ? nextLine : pending.get(0).number()) - 1));
        List<Block> blocks = new ArrayList<>();
        List<BlockLine> blanks = new ArrayList<>();
        List<BlockLine> lead = new ArrayList<>();
        int from = 0;
        boolean leading = false;
        List<List<BlockLine>> ends = new ArrayList<>();
        for (int k = 0; k < closed.size(); k++) ends.add(new ArrayList<>());
        for (BlockLine l : pending) {
            if (!l.comment()) { blanks.add(l); continue; }
            int target = -1;
            for (int k = from; !leading && k < closed.size(); k++) {
                if (l.text().indexOf('#') >= closed.get(k).childColumn && l.text().indexOf('#') > nextColumn) { target = k; break; }
            }
            if (target < 0) {
                leading = true;
                lead.addAll(blanks);
                lead.add(l);
            } else {
                from = target;
                ends.get(target).addAll(blanks);
                ends.get(target).add(l);
            }
            blanks.clear();
        }
        lead.addAll(blanks);
        if (next == null && !closed.isEmpty()) {
            // The end of the document: what is left belongs to the end of the outermost map.
            ends.get(closed.size() - 1).addAll(lead);
            lead.clear();
        }
        for (int k = 0; k < closed.size(); k++) {
            blocks.add(new Block(Place.END, closed.get(k).path, closed.get(k).childColumn, ends.get(k)));
        }
        if (next != null) {
            if (first) {
                int lastBlank = -1;
                for (int k = 0; k < lead.size(); k++) if (!lead.get(k).comment()) lastBlank = k;
                blocks.add(new Block(Place.HEAD, "", 0, new ArrayList<>(lead.subList(0, lastBlank + 1))));
                lead = new ArrayList<>(lead.subList(lastBlank + 1, lead.size()));
                first = false;
            }
            blocks.add(new Block(Place.LEAD, next, nextColumn, lead));
        } else if (first && !lead.isEmpty()) {
            blocks.add(new Block(Place.HEAD, "", 0, lead));
        }
        for (Block b : blocks) {
            if (!b.lines().isEmpty()) {
                contentUpTo(b.lines().get(0).number() - 1);
                cursor = b.lines().get(b.lines().size() - 1).number() + 1;
            }
            pieces.add(b);
        }
        contentUpTo(Math.min(nextLine - 1, lines.length));
        pending.clear();
        closed.clear();
    }

    private void contentUpTo(int last) {
        for (; cursor <= last; cursor++) {
            pieces.add(new Content(cursor, lines[cursor - 1], lineAnchor.get(cursor), eolColumn.getOrDefault(cursor, -1)));
        }
    }
}
