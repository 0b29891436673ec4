package dev.trib.planner;

/** A plan cannot be made from the given input; the message is one line meant for the user. */
public class PlanningException extends RuntimeException {
    public PlanningException(String message) {
        super(message);
    }
}
