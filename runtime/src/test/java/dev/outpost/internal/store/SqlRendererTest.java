package dev.outpost.internal.store;

import dev.outpost.DataRequestException;
import dev.outpost.internal.schema.SchemaMapper;
import dev.outpost.internal.url.UrlParser;
import dev.outpost.query.Expr;
import dev.outpost.testing.FieldService;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Invariant 1: user values reach SQLite only as bound parameters. */
class SqlRendererTest {

    @Test
    void literalsNeverAppearInTheSqlText(@org.junit.jupiter.api.io.TempDir Path dir) {
        try (Database db = Database.open(dir.resolve("r.db"), false, 2)) {
            Catalog catalog = StoreFile.open(db, FieldService.model()).catalog();
            EntityRows rows = new EntityRows(db, new ValueCodec(catalog.model()));
            SqlRenderer renderer = new SqlRenderer(catalog, rows);
            for (String hostile : new String[] {"x'); DROP TABLE \"WorkOrders\"; --", "/*", "\u0000", "O'Neil"}) {
                String quoted = "'" + hostile.replace("'", "''") + "'";
                Expr filter = UrlParser.expression("contains(Title," + quoted + ") or Customer/Name eq " + quoted
                        + " or Tasks/any(t:t/Description eq " + quoted + ") or Title in (" + quoted + ",'b')");
                SqlRenderer.Scope scope = renderer.scope(catalog.require("WorkOrders"));
                Sql sql = renderer.predicate(filter, scope);
                assertThat(sql.text()).doesNotContain(hostile).doesNotContain("Neil");
                assertThat(sql.params()).contains(hostile);
            }
            assertThat(SchemaMapper.map(catalog.model()).tables()).isNotEmpty();
            assertThatThrownBy(() -> renderer.predicate(UrlParser.expression("Title add 1 gt 2"),
                    renderer.scope(catalog.require("WorkOrders"))))
                    .isInstanceOf(DataRequestException.class).hasMessageContaining("that is not a number");
        }
    }
}
