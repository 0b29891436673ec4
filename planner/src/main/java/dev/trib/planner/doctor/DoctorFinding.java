package dev.trib.planner.doctor;

import java.util.List;

/**
 * One thing doctor found.
 *
 * @param topic   the report section it is printed under (its kind's, except for {@link DoctorKind#MORE})
 * @param message one line: what is wrong and where (many nodes as ranges, see {@link NodeList})
 * @param advice  what to do about it (empty for infos that need nothing)
 * @param nodes   the ids of the nodes concerned
 */
public record DoctorFinding(DoctorKind kind, Topic topic, Severity severity, String message, String advice,
                            List<String> nodes) {
    public DoctorFinding {
        nodes = List.copyOf(nodes);
    }

    public DoctorFinding(DoctorKind kind, Severity severity, String message, String advice, List<String> nodes) {
        this(kind, kind.topic(), severity, message, advice, nodes);
    }

    /** Errors and warnings need doing something; infos do not. */
    public boolean problem() {
        return severity != Severity.INFO;
    }
}
