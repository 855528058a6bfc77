package io.dynamis.core.partiql;

import java.util.List;

/**
 * A parsed PartiQL statement of DynamoDB's dialect: what {@link StatementParser} makes and
 * {@link StatementPlanner} lowers into the JSON API's requests.
 */
public sealed interface Statement {

    /** The table the statement names. */
    String table();

    /** True for SELECT and EXISTS (reads), false for INSERT, UPDATE and DELETE. */
    default boolean isRead() {
        return this instanceof Select || this instanceof Exists;
    }

    /** {@code SELECT projection FROM table[.index] [WHERE where] [ORDER BY ...]}; projection null for {@code *}. */
    record Select(String table, String index, List<Expr.Path> projection, Expr where, boolean descending)
            implements Statement {
    }

    /** {@code INSERT INTO table VALUE item}. */
    record Insert(String table, Expr item) implements Statement {
    }

    /** {@code UPDATE table SET ... REMOVE ... WHERE where [RETURNING ...]}. */
    record Update(String table, List<Action> actions, Expr where, Returning returning) implements Statement {
    }

    /** {@code DELETE FROM table WHERE where [RETURNING ALL OLD *]}. */
    record Delete(String table, Expr where, Returning returning) implements Statement {
    }

    /** {@code EXISTS(SELECT ...)}: a condition check, in transactions only. */
    record Exists(Select select) implements Statement {
        @Override
        public String table() {
            return select.table();
        }
    }

    /** One action of an UPDATE: {@code SET path = value} or {@code REMOVE path}. */
    sealed interface Action {
        Expr.Path path();
    }

    record Set(Expr.Path path, Expr value) implements Action {
    }

    record Remove(Expr.Path path) implements Action {
    }

    /** A RETURNING clause: which item (OLD or NEW) and how much of it (ALL or MODIFIED). */
    enum Returning {
        ALL_OLD("ALL OLD"), ALL_NEW("ALL NEW"), MODIFIED_OLD("MODIFIED OLD"), MODIFIED_NEW("MODIFIED NEW");

        private final String words;

        Returning(String words) {
            this.words = words;
        }

        /** The clause as written, e.g. {@code ALL OLD}. */
        public String words() {
            return words;
        }

        /** The JSON API's ReturnValues for it. */
        public String returnValues() {
            return switch (this) {
                case ALL_OLD -> "ALL_OLD";
                case ALL_NEW -> "ALL_NEW";
                case MODIFIED_OLD -> "UPDATED_OLD";
                case MODIFIED_NEW -> "UPDATED_NEW";
            };
        }
    }
}
