package dev.outpost;

import dev.outpost.query.DataQuery;
import dev.outpost.testing.FieldService;
import dev.outpost.testing.Fuzz;
import dev.outpost.testing.Mutator;
import dev.outpost.testing.StoreFingerprint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R3, query strings: mutations of valid OData URLs, given to {@link DataQuery#parse} and run on a
 * store with downloaded and local data, end in a result or in a {@link DataRequestException}
 * (400, or 404 for a resource that does not exist) whose message says where the problem is;
 * never in another exception, and never with a change to the store file.
 *
 * <p>Cases: {@code -Doutpost.fuzz.scale=F} (suite {@code query}, 3000 cases), seed {@code -Doutpost.fuzz.seed}; see {@link Fuzz}.
 */
class QueryFuzzTest {

    private static final UUID ACME = UUID.fromString("11111111-2222-3333-4444-555555555555");

    /** Valid URLs that together use every part of the grammar the parser knows. */
    static final List<String> URLS = List.of(
            "WorkOrders",
            "WorkOrders(42)",
            "WorkOrders(42)?$expand=Tasks($filter=Done eq false;$orderby=LineNo desc;$top=1),Customer($select=Name)",
            "WorkOrders(42)/Tasks?$orderby=LineNo desc&$count=true",
            "WorkOrders(42)/Tasks/$count",
            "WorkOrders(42)/Customer",
            "WorkOrders($lid=1)",
            "WorkOrders/$count?$filter=Priority ge 2",
            "WorkOrders/FieldService.WorkOrder?$top=1",
            "Tasks(WorkOrderId=42,LineNo=1)/WorkOrder?$select=Title,Status",
            "Customers(" + ACME + ")?$expand=WorkOrders($expand=Tasks)",
            "Parts('P-1')/WorkOrders",
            "WorkOrders?$filter=Title eq 'Fix boiler' and Priority lt 3 or not (Status eq FieldService.WorkOrderStatus'Done')",
            "WorkOrders?$filter=contains(tolower(Title),'boil') and startswith(Title,'F') and endswith(Title,'r')",
            "WorkOrders?$filter=length(Title) gt 3 and indexof(Title,'x') eq -1 and substring(Title,1,2) eq 'ix'",
            "WorkOrders?$filter=concat(concat(Title,' '),trim(toupper(Title))) ne 'a'&$orderby=Title asc,Id desc",
            "WorkOrders?$filter=EstimatedCost gt 100.25 and EstimatedCost mul 2 le 1000 and EstimatedCost div 3 ge 1",
            "WorkOrders?$filter=Priority add 1 sub 2 mod 3 eq 1 and -Priority lt 0",
            "WorkOrders?$filter=DueDate eq 2024-05-01 or year(DueDate) eq 2024 and month(DueDate) le 6 and day(DueDate) ge 1",
            "WorkOrders?$filter=CreatedAt lt 2024-05-01T10:00:00.123+02:00 or hour(CreatedAt) eq 3 or CreatedAt eq null",
            "WorkOrders?$filter=date(CreatedAt) eq 2024-05-01 and time(CreatedAt) lt 12:30:00 and now() gt CreatedAt",
            "WorkOrders?$filter=round(EstimatedCost) eq 120 or floor(EstimatedCost) eq 120 or ceiling(EstimatedCost) eq 121",
            "WorkOrders?$filter=Status has FieldService.WorkOrderStatus'Scheduled' or Status in ('New','Done')",
            "WorkOrders?$filter=Priority in (1,2,3) and CustomerId eq " + ACME,
            "WorkOrders?$filter=SiteAddress/City eq 'Zürich' or SiteAddress eq null",
            "WorkOrders?$filter=Customer/Name eq 'ACME' and Customer/Address/City ne 'O''Fallon'",
            "WorkOrders?$filter=Tasks/any(t:t/Done eq false and t/EstimatedDuration gt duration'PT1H')",
            "WorkOrders?$filter=Tasks/all(t:t/Done) and Tasks/any() and Tasks/$count gt 0",
            "WorkOrders?$filter=Parts/any(p:p/UnitPrice gt 60 and p/WorkOrders/any(w:w/Priority eq $it/Priority))",
            "WorkOrders?$filter=Technician/Skills/any(s:s eq 'welding') and Technician/HourlyRate gt 10",
            "WorkOrders?$filter=sap.islocal() or sap.haspendingchanges() or sap.inerrorstate()",
            "WorkOrders?$filter=sap.entityexists(Technician) and not sap.entityexists(Tasks)",
            "WorkOrders?$filter=matchesPattern(Title,'^F.*r$')",
            "WorkOrders?$filter=Signature eq binary'AAEC' or Signature eq null",
            "WorkOrders?$filter=totaloffsetminutes(CreatedAt) eq 120 and fractionalseconds(CreatedAt) lt 0.5",
            "WorkOrders?$filter=CreatedAt ge mindatetime() and CreatedAt le maxdatetime()",
            "WorkOrders?$select=Title,SiteAddress/City&$expand=Tasks($filter=Done eq false;$select=Description),Technician",
            "WorkOrders?$orderby=Technician/Name desc,Id&$top=2&$skip=1&$count=true",
            "WorkOrders?$orderby=Customer/Name&$skiptoken=1&$format=json",
            "Tasks?$filter=EstimatedDuration lt duration'P1DT2H' and totalseconds(EstimatedDuration) gt 60",
            "Technicians?$filter=HourlyRate gt 10.5 and Skills/any(s:contains(s,'weld'))&custom=yes",
            "Customers?$filter=Address/Country eq 'CH' and Logo eq null",
            "RequestQueue?$orderby=RequestID&$filter=Method eq 'PATCH'",
            "EventLog?$filter=Type eq 'Download' and Details eq null&$orderby=ID desc&$top=1",
            "ErrorArchive?$filter=HTTPStatusCode eq 412");

    private static final Mutator MUTATOR = new Mutator(List.of("$filter=", "$expand=", "$select=", "$orderby=", "$top=",
            "$skip=", "$count=true", "$skiptoken=", "$search=x", "$levels=2", "$apply=x", "&", "?", "=", "(", ")", "/", ",",
            ";", ":", "'", "''", "%27", "%", "%2", "%zz", "%00", "%C3%A9", "%FF", "+", " ", "  ", " eq ", " ne ", " and ",
            " or ", "not ", " has ", " in ", " add ", " div ", " mod ", "-", "any(", "all(", "x:", "x/", "$it", "$root",
            "$this", "$count", "$ref", "$value", "$lid=", "$lid=0", "null", "true", "false", "0", "-0", "1e308", "-1e-308",
            "INF", "-INF", "NaN", "9223372036854775807", "-9223372036854775809", "99999999999999999999.5", "0.000001",
            "2147483648", "2024-02-30", "2024-05-01", "24:00:00", "12:00:00.1234567890123", "2024-05-01T25:00:00Z",
            "2024-05-01T10:00:00+14:01", "duration'P1D'", "duration'PX'", "duration'P99999999999999999D'", "binary'AA=='",
            "binary'@@'", "geography'POINT(1 2)'", "geometry'x'", "FieldService.WorkOrderStatus'Done'",
            "FieldService.WorkOrderStatus'Nope'", "FieldService.WorkOrderStatus'999'", ACME.toString(),
            "00000000-0000-0000-0000-00000000000g", "WorkOrders", "Tasks", "Customers", "Parts", "Technicians",
            "RequestQueue", "EventLog", "Title", "Priority", "Status", "EstimatedCost", "DueDate", "CreatedAt", "SiteAddress",
            "SiteAddress/City", "Customer", "Technician", "Skills", "LineNo", "Done", "FieldService.WorkOrder",
            "FieldService.Task", "FieldService.Nope", "contains(", "substring(", "round(", "year(", "now()", "cast(",
            "isof(", "geo.distance(", "sap.islocal()", "sap.entityexists(", "tolower(", "concat(", "indexof(",
            "matchesPattern(Title,'(')", "\u0000", "😀", "\uD800", "\\", "\"", "*"));

    private static final Pattern POSITION = Pattern.compile("position \\d+");

    @TempDir
    static Path dir;
    static StoreFixture f;

    @BeforeAll
    static void open() {
        f = new StoreFixture(dir);
        f.serverHas("Customers", "{\"Id\":\"" + ACME + "\",\"Name\":\"ACME\",\"Address\":{\"City\":\"O'Fallon\",\"Country\":\"US\"}}");
        f.serverHas("Technicians", "{\"Id\":7,\"Name\":\"Ada\",\"Skills\":[\"welding\",\"wiring\"],\"HourlyRate\":55.50}");
        f.serverHas("Parts", "{\"PartNumber\":\"P-1\",\"Name\":\"Pump\",\"UnitPrice\":75.00,\"InStock\":4}");
        f.serverHas("WorkOrders", "{\"Id\":42,\"Title\":\"Fix boiler\",\"Status\":\"Scheduled\",\"Priority\":2,"
                + "\"EstimatedCost\":120.50,\"DueDate\":\"2024-05-01\",\"CreatedAt\":\"2024-05-01T10:00:00.5+02:00\","
                + "\"SiteAddress\":{\"City\":\"Zürich\"},\"CustomerId\":\"" + ACME + "\",\"TechnicianId\":7,"
                + "\"Parts\":[{\"PartNumber\":\"P-1\",\"Name\":\"Pump\",\"InStock\":4}]}");
        f.serverHas("Tasks", "{\"WorkOrderId\":42,\"LineNo\":1,\"Description\":\"Drain\",\"Done\":true,"
                + "\"EstimatedDuration\":\"PT2H\"}");
        EntityValue local = FieldService.workOrder("Local one").setValue("Priority", 1);
        f.service.createEntity(local);
        f.service.createRelatedEntity(FieldService.task(1, "Local task"), local, "Tasks");
        EntityValue wo = f.one("WorkOrders(42)");
        wo.setValue("Priority", 1);
        f.service.updateEntity(wo);
    }

    @AfterAll
    static void close() {
        f.close();
    }

    /** The oracle for one URL: a result, or a 400/404 that names a position, a quoted piece or an option. */
    static void queryOrRefuse(String url) {
        try {
            f.service.executeQuery(DataQuery.parse(url));
        } catch (DataRequestException e) {
            assertThat(e.status()).as(e.getMessage()).isIn(400, 404);
            String m = e.getMessage();
            assertThat(m).isNotBlank();
            assertThat(POSITION.matcher(m).find() || m.contains("'") || m.contains("$"))
                    .as("the message says where: " + m).isTrue();
        }
    }

    private static String stamp() throws Exception {
        StringBuilder s = new StringBuilder();
        for (String suffix : new String[] {"", "-wal"}) {
            Path p = Path.of(f.store.file() + suffix);
            if (Files.exists(p)) {
                FileTime t = Files.getLastModifiedTime(p);
                s.append(Files.size(p)).append('@').append(t.toMillis()).append(' ');
            }
        }
        return s.toString();
    }

    @Test
    void mutatedUrlsGiveAResultOrAPositionedBadRequestAndNeverWrite() throws Exception {
        String fingerprint = StoreFingerprint.of(f.store.file());
        String stamp = stamp();
        int cases = Fuzz.run("query", 3000, (r, n) -> {
            String url = mutate(r);
            try {
                queryOrRefuse(url);
                assertThat(stamp()).as("the store file changed").isEqualTo(stamp);
            } catch (AssertionError | RuntimeException | StackOverflowError e) {
                Path saved = Fuzz.save("query-" + n + ".txt", url);
                String shrunk = Mutator.shrink(url, u -> {
                    try {
                        queryOrRefuse(u);
                        return false;
                    } catch (Throwable t) {
                        return t.getClass() == e.getClass();
                    }
                });
                throw new AssertionError("URL (saved as " + saved + "): " + abbreviate(url) + "\nshrunk: "
                        + abbreviate(shrunk) + "\n" + e, e);
            }
        });
        assertThat(StoreFingerprint.of(f.store.file())).isEqualTo(fingerprint);
        assertThat(f.store.integrityCheck()).isEqualTo("ok");
        System.out.printf("query fuzz: %d mutated URLs%n", cases);
    }

    @Test
    void everySeedUrlIsValid() {
        for (String url : URLS) {
            f.service.executeQuery(DataQuery.parse(url));
        }
    }

    private static String mutate(Random r) {
        String url = URLS.get(r.nextInt(URLS.size()));
        return r.nextInt(10) == 0 ? url : MUTATOR.mutate(url, r, 4);
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "...(" + s.length() + " characters)" : s;
    }
}
