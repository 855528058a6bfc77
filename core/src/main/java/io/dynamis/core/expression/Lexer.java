package io.dynamis.core.expression;

import java.util.ArrayList;
import java.util.List;

/** Splits expression text into tokens, whitespace included; never fails (unknown characters become ILLEGAL tokens). */
final class Lexer {

    private Lexer() {
    }

    static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int start = i;
            Token.Kind kind;
            if (Character.isWhitespace(c)) {
                while (i < n && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                kind = Token.Kind.WHITESPACE;
            } else if (isNameStart(c)) {
                i = skipNamePart(text, i + 1);
                kind = Token.Kind.NAME;
            } else if (c == '#' || c == ':') {
                i = skipNamePart(text, i + 1);
                kind = i == start + 1 ? Token.Kind.ILLEGAL
                        : c == '#' ? Token.Kind.NAME_REF : Token.Kind.VALUE_REF;
            } else if (c >= '0' && c <= '9') {
                while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                    i++;
                }
                kind = Token.Kind.NUMBER;
            } else if ((c == '<' || c == '>') && i + 1 < n
                    && (text.charAt(i + 1) == '=' || (c == '<' && text.charAt(i + 1) == '>'))) {
                i += 2;
                kind = Token.Kind.PUNCT;
            } else if ("=<>()[].,+-".indexOf(c) >= 0) {
                i++;
                kind = Token.Kind.PUNCT;
            } else {
                i += Character.charCount(text.codePointAt(i));
                kind = Token.Kind.ILLEGAL;
            }
            tokens.add(new Token(kind, text.substring(start, i), tokens.size()));
        }
        tokens.add(new Token(Token.Kind.EOF, "", tokens.size()));
        return tokens;
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static int skipNamePart(String text, int i) {
        while (i < text.length()) {
            char c = text.charAt(i);
            if (!isNameStart(c) && !(c >= '0' && c <= '9')) {
                break;
            }
            i++;
        }
        return i;
    }
}
