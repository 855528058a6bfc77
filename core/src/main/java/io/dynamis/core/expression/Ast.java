package io.dynamis.core.expression;

import java.util.List;

/**
 * The syntax trees the {@link Parser} builds: immutable, with placeholders ({@code #name},
 * {@code :value}) still unresolved, so that one tree serves every request that sends the same text
 * (see {@link ExpressionCache}). {@link Resolver} turns a tree into the evaluable form for one request.
 */
final class Ast {

    private Ast() {
    }

    // ---- document paths ----

    sealed interface Element permits Name, Index {
    }

    /** An attribute name or map key as written: bare ({@code a}) or a placeholder ({@code #a}). */
    record Name(String text, boolean placeholder) implements Element {
    }

    /** A list index: {@code [3]}. */
    record Index(int index) implements Element {
    }

    /** A document path as written: {@code a.#b[2]}. */
    record Path(List<Element> elements) implements Operand {
        Path {
            elements = List.copyOf(elements);
        }
    }

    // ---- operands ----

    sealed interface Operand permits Path, ValueRef, Call, Arithmetic {
    }

    /** An ExpressionAttributeValues placeholder: {@code :v}. */
    record ValueRef(String name) implements Operand {
    }

    /** A function call as written; whether the function exists and fits its place is checked later. */
    record Call(String name, List<Operand> args) implements Operand {
        Call {
            args = List.copyOf(args);
        }
    }

    /** {@code a + b} or {@code a - b} (update expressions only). */
    record Arithmetic(char operator, Operand left, Operand right) implements Operand {
    }

    // ---- conditions ----

    sealed interface Cond permits Compare, Between, In, FunctionCondition, And, Or, Not {
    }

    /** {@code a = b}, with operator one of = <> < <= > >=. */
    record Compare(String operator, Operand left, Operand right) implements Cond {
    }

    record Between(Operand subject, Operand lower, Operand upper) implements Cond {
    }

    record In(Operand subject, List<Operand> candidates) implements Cond {
        In {
            candidates = List.copyOf(candidates);
        }
    }

    /** A function used as a condition: {@code attribute_exists(a)}. */
    record FunctionCondition(Call call) implements Cond {
    }

    record And(Cond left, Cond right) implements Cond {
    }

    record Or(Cond left, Cond right) implements Cond {
    }

    record Not(Cond operand) implements Cond {
    }

    /** A whole condition; DynamoDB rejects doubled parentheses, which the parser notes here. */
    record ConditionTree(Cond root, boolean redundantParentheses) {
    }

    // ---- updates ----

    sealed interface Action permits SetAction, RemoveAction, AddAction, DeleteAction {
        Path path();
    }

    record SetAction(Path path, Operand value) implements Action {
    }

    record RemoveAction(Path path) implements Action {
    }

    record AddAction(Path path, ValueRef value) implements Action {
    }

    record DeleteAction(Path path, ValueRef value) implements Action {
    }

    /**
     * An update expression: its actions in the order written, and the first clause keyword written twice
     * (null when none), an error DynamoDB reports after some others, so the parser only notes it.
     */
    record UpdateTree(List<Action> actions, String repeatedClause) {
        UpdateTree {
            actions = List.copyOf(actions);
        }
    }

    // ---- projections ----

    record ProjectionTree(List<Path> paths) {
        ProjectionTree {
            paths = List.copyOf(paths);
        }
    }
}
