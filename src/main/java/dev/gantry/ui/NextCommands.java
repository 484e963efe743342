package dev.gantry.ui;

import dev.gantry.diagnose.Diagnosis;
import dev.gantry.engine.ApplyEvent;
import dev.gantry.engine.ApplyResult;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Completes the gantry commands the core suggests in its texts (fixes, problems, drift, lock
 * messages) with the options this run was given. The core knows nothing of the command line: it
 * writes a command to run in single quotes, {@code 'gantry apply'} or {@code 'gantry apply --adopt x'},
 * and the view inserts {@code -f x.yaml --simulate --profile p ...} after the verb, so the suggestion
 * works as pasted. Unquoted mentions ("gantry apply (run 1a2b) by ...") describe, and stay as they are.
 */
public final class NextCommands {
    private NextCommands() {}

    private static final Pattern SUGGESTED =
            Pattern.compile("'gantry (apply|destroy|plan|status|logs|secrets set|secrets list|validate)(?=['\\s])");

    /**
     * {@code text} with {@code options} (" -f x.yaml --simulate", or "") after each suggested
     * command's verb; a command that already carries them is left alone, so completing twice is harmless.
     */
    public static String complete(String text, String options) {
        if (text == null || options == null || options.isEmpty()) return text;
        Matcher m = SUGGESTED.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            boolean done = text.startsWith(options, m.end());
            m.appendReplacement(b, Matcher.quoteReplacement(done ? m.group() : m.group() + options));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** The event with the texts a person reads completed the same way. */
    public static ApplyEvent complete(ApplyEvent event, String options) {
        if (event instanceof ApplyEvent.Failed f) {
            return new ApplyEvent.Failed(f.at(), f.change(), complete(f.message(), options), complete(f.fix(), options));
        }
        if (event instanceof ApplyEvent.RolloutFailed r) return new ApplyEvent.RolloutFailed(r.at(), complete(r.diagnosis(), options));
        if (event instanceof ApplyEvent.Info i) return new ApplyEvent.Info(i.at(), complete(i.message(), options));
        if (event instanceof ApplyEvent.Finished f) return new ApplyEvent.Finished(f.at(), complete(f.result(), options));
        return event;
    }

    /** The result with its failures and diagnosis completed (what JSON's last line and the summary show). */
    public static ApplyResult complete(ApplyResult r, String options) {
        return new ApplyResult(r.outcome(), r.exit(), r.created(), r.updated(), r.replaced(), r.deleted(), r.failed(),
                r.skipped(), r.elapsed(), r.url(), r.failures().stream().map(f -> complete(f, options)).toList(),
                complete(r.diagnosis(), options), r.resumeCommand(), r.stoppedBy(), r.criticalPath(), r.simulatedTime(), r.answers());
    }

    public static Diagnosis complete(Diagnosis d, String options) {
        if (d == null) return null;
        return new Diagnosis(d.cause(), d.summary(), complete(d.detail(), options),
                d.fixes().stream().map(f -> complete(f, options)).toList());
    }
}
