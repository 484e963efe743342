package dev.gantry.plan;

/**
 * A resource the spec asks for whose name or path is already taken by something that is not the
 * app's: apply refuses to touch it until the spec chooses another name or the person takes it over
 * explicitly ({@code --adopt}). Another gantry app's resource is never adoptable.
 *
 * @param existing   what holds the name, in plain words ("SSM parameter /shop/db-password")
 * @param owner      the gantry app that owns it, or null when it is not gantry's at all
 * @param rename     the field of gantry.yaml that decides the name
 * @param notAdoptable why it cannot be taken over, or null when {@code --adopt} can
 */
public record Conflict(Address address, String wanted, String existing, String owner, String rename, String notAdoptable) {

    public boolean adoptable() { return notAdoptable == null; }

    /** The conflict and the two ways out, for plan, apply's refusal and JSON alike. */
    public String explain() {
        String who = owner == null ? "it was not made by gantry for this app (no gantry:app tag)"
                : "it belongs to the gantry app '" + dev.gantry.text.Untrusted.text(owner) + "'";
        String choose = "change " + rename + " in gantry.yaml so gantry uses another name";
        String ways = adoptable()
                ? "Either " + choose + ", or take it over with 'gantry apply --adopt " + address + "' (the plan shows first what would"
                        + " change on it" + (address.type().equals("parameter") ? "; its value is kept unless you give a new one)" : ")")
                : "It cannot be taken over (" + notAdoptable + "): " + choose;
        // What exists and who owns it come from AWS (names, tags someone else wrote).
        return address + " (" + wanted + "): " + dev.gantry.text.Untrusted.text(existing) + " already exists and " + who + ". " + ways + ".";
    }
}
