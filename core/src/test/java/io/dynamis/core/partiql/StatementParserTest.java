package io.dynamis.core.partiql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementParserTest {

    private static Statement parse(String text) {
        return StatementParser.parse(text).statement();
    }

    private static String error(String text) {
        ApiError error = assertThrows(ApiError.class, () -> StatementParser.parse(text));
        assertEquals(ErrorCode.VALIDATION, error.code());
        return error.getMessage();
    }

    @Test
    void selectWithProjectionNestedPathsIndexAndWhere() {
        Statement.Select select = (Statement.Select) parse(
                "SELECT a, \"b\".c[2], d.\"e f\" FROM \"Music\".\"ByTitle\" WHERE Artist = 'Acme' AND n > 1");
        assertEquals("Music", select.table());
        assertEquals("ByTitle", select.index());
        assertEquals(List.of(List.of("a"), List.of("b", "c", 2), List.of("d", "e f")),
                select.projection().stream().map(Expr.Path::elements).toList());
        assertEquals("c[2]", select.projection().get(1).leafName());
        Expr.Binary and = assertInstanceOf(Expr.Binary.class, select.where());
        assertEquals("AND", and.operator());
    }

    @Test
    void selectStarWithoutWhereAndKeywordsInAnyCase() {
        Statement.Select select = (Statement.Select) parse("select * from Music");
        assertNull(select.projection());
        assertNull(select.where());
        assertNull(select.index());
    }

    @Test
    void predicatesOfTheDialect() {
        Statement.Select select = (Statement.Select) parse("SELECT * FROM t WHERE a BETWEEN 1 AND 5 AND b IN [1, 2]"
                + " AND c IN ('x') AND NOT begins_with(d, 'p') AND e IS MISSING AND f IS NOT MISSING"
                + " AND size(g) >= 2 AND h <> 3 AND i != 4 OR attribute_type(j, 'S')");
        Expr.Binary or = assertInstanceOf(Expr.Binary.class, select.where());
        assertEquals("OR", or.operator());
        assertInstanceOf(Expr.Call.class, or.right());
    }

    @Test
    void insertWithTupleListBagAndParameters() {
        StatementParser.Parsed parsed = StatementParser.parse(
                "INSERT INTO \"Music\" VALUE {'Artist': ?, 'n': -1.5e2, 'l': [1, 'two', true, null], 's': <<'a', 'b'>>,"
                        + " 'm': {'x': ?}}");
        assertEquals(2, parsed.parameterCount());
        Statement.Insert insert = assertInstanceOf(Statement.Insert.class, parsed.statement());
        Expr.Tuple item = assertInstanceOf(Expr.Tuple.class, insert.item());
        assertEquals(List.of("Artist", "n", "l", "s", "m"), item.names());
        assertEquals("-1.5e2", ((Expr.Literal) item.values().get(1)).value().get("N").asText());
    }

    @Test
    void updateWithSeveralSetAndRemoveClausesAndReturning() {
        Statement.Update update = (Statement.Update) parse("UPDATE Music SET a = a + 1, b = list_append(b, [1])"
                + " SET c = set_add(c, <<'x'>>) REMOVE d[0], e WHERE pk = 'k' RETURNING MODIFIED NEW *");
        assertEquals(5, update.actions().size());
        assertEquals(Statement.Returning.MODIFIED_NEW, update.returning());
    }

    @Test
    void deleteAndExists() {
        Statement.Delete delete = (Statement.Delete) parse("DELETE FROM t WHERE pk = 1 RETURNING ALL OLD *");
        assertEquals(Statement.Returning.ALL_OLD, delete.returning());
        Statement.Exists exists = (Statement.Exists) parse("EXISTS(SELECT * FROM t WHERE pk = 1 AND a IS MISSING)");
        assertEquals("t", exists.table());
    }

    @Test
    void quotesAreEscapedByDoubling() {
        Statement.Insert insert = (Statement.Insert) parse("INSERT INTO t VALUE {'pk': 'it''s'}");
        assertEquals("it's", ((Expr.Literal) ((Expr.Tuple) insert.item()).values().get(0)).value().get("S").asText());
    }

    @Test
    void aStatementThatIsNotDataManipulationIsRefusedAsDynamoDbRefusesIt() {
        assertEquals("Statement wasn't well formed, can't be processed: Expected data manipulation",
                error("SLECT * FROM t"));
    }

    @Test
    void syntaxErrorsSayWhere() {
        assertEquals("Statement wasn't well formed, can't be processed: Unexpected keyword or identifier 'WHER' at 1:17",
                error("SELECT * FROM t WHER a = 1"));
        assertEquals("Statement wasn't well formed, can't be processed: Unexpected end of statement",
                error("SELECT * FROM t WHERE a ="));
        assertEquals("Statement wasn't well formed, can't be processed: Unterminated string at 1:27",
                error("SELECT * FROM t WHERE a = 'x"));
    }

    @Test
    void aggregatesAreNotPartOfTheDialect() {
        assertEquals("Unexpected path component at 1:8:5", error("SELECT COUNT(*) FROM t"));
    }
}
