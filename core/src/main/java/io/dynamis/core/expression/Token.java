package io.dynamis.core.expression;

/** One lexical token of an expression; whitespace is a token too, so that syntax errors can quote it. */
record Token(Kind kind, String text, int index) {

    enum Kind {
        /** An attribute name, keyword or function name: [A-Za-z_][A-Za-z0-9_]*. */
        NAME,
        /** An ExpressionAttributeNames placeholder: #name. */
        NAME_REF,
        /** An ExpressionAttributeValues placeholder: :value. */
        VALUE_REF,
        /** Digits (a list index). */
        NUMBER,
        /** An operator or bracket: = <> < <= > >= ( ) [ ] . , + - */
        PUNCT,
        /** A character the language does not have. */
        ILLEGAL,
        WHITESPACE,
        EOF
    }

    boolean is(String punct) {
        return kind == Kind.PUNCT && text.equals(punct);
    }

    /** True for a NAME equal to the keyword, ignoring case (AND, OR, NOT, BETWEEN, IN, SET, REMOVE, ADD, DELETE). */
    boolean isKeyword(String keyword) {
        return kind == Kind.NAME && text.equalsIgnoreCase(keyword);
    }
}
