package dev.gantry.aws.sim;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulated SSM Parameter Store. SecureString values live in memory only for the process that
 * wrote them; the saved account keeps a salted digest instead, which a decrypting read returns
 * later (enough for gantry to tell whether a value changed). GetParameter without decryption
 * returns an opaque stand-in for the KMS ciphertext, as real SSM does.
 */
public final class SsmState {
    public static final class ParamRec {
        public String name;
        public String type;
        /** The value in this process; a saved SecureString keeps only {@link #digest}. */
        @JsonIgnore public String value;
        /** {@link dev.gantry.aws.SecretDigest} of a SecureString's value: what is saved instead of it. */
        public String digest;
        public String description;
        public String keyId;
        public long version;
        public long lastModified;
        public Map<String, String> tags = new LinkedHashMap<>();

        @JsonProperty("value") public String savedValue() { return "SecureString".equals(type) ? null : value; }

        @JsonProperty("value") public void savedValue(String v) {
            value = v;
            // A file from before digests: keep the value for this run; the next save writes its digest.
            if ("SecureString".equals(type) && v != null && digest == null) digest = dev.gantry.aws.SecretDigest.of(v.toCharArray());
        }

        /** What a decrypting read returns: the value when this process knows it, else its digest. */
        public String plaintextOrDigest() { return value != null ? value : digest; }

        @Override public String toString() { return "ParamRec[" + name + ", " + type + ", v" + version + "]"; }
    }

    public Map<String, ParamRec> params = new TreeMap<>();

    /** A parameter by name or ARN (the ARN of {@code /a/b} is {@code arn:aws:ssm:R:A:parameter/a/b}), or null. */
    public ParamRec find(String nameOrArn, String region, String account) {
        if (nameOrArn == null) return null;
        if (!nameOrArn.startsWith("arn:")) return params.get(nameOrArn);
        String prefix = "arn:aws:ssm:" + region + ":" + account + ":parameter";
        if (!nameOrArn.startsWith(prefix)) return null;
        String rest = nameOrArn.substring(prefix.length());
        ParamRec p = params.get(rest);
        return p != null ? p : rest.startsWith("/") ? params.get(rest.substring(1)) : null;
    }

    public boolean exists(String nameOrArn, String region, String account) { return find(nameOrArn, region, account) != null; }

    /** Whether a parameter exists, by name or by an ARN of this simulated account (whose region and account it takes from the ARN). */
    public boolean exists(String nameOrArn) {
        if (nameOrArn == null || !nameOrArn.startsWith("arn:")) return nameOrArn != null && params.containsKey(nameOrArn);
        String[] p = nameOrArn.split(":", 6);
        return p.length == 6 && find(nameOrArn, p[3], p[4]) != null;
    }

    public static String arnOf(String name, String region, String account) {
        return "arn:aws:ssm:" + region + ":" + account + ":parameter" + (name.startsWith("/") ? "" : "/") + name;
    }
}
