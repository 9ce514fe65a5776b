package dev.outpost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.model.PrimitiveType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Objects;

/**
 * A geography or geometry value, held as the GeoJSON that OData's JSON format carries.
 * URL literals use its well-known-text form ({@link #toWkt()}).
 *
 * @param type the Edm geo type, for example {@link PrimitiveType#GEOGRAPHY_POINT}
 * @param geoJson the GeoJSON object as text
 */
public record GeoValue(PrimitiveType type, String geoJson) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public GeoValue {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(geoJson, "geoJson");
        if (type.family() != PrimitiveType.Family.GEO) {
            throw new IllegalArgumentException(type.edmName() + " is not a geography or geometry type");
        }
    }

    /** A geography point at a longitude and latitude (SRID 4326). */
    public static GeoValue geographyPoint(double longitude, double latitude) {
        return new GeoValue(PrimitiveType.GEOGRAPHY_POINT,
                "{\"type\":\"Point\",\"coordinates\":[" + number(longitude) + "," + number(latitude) + "]}");
    }

    /** A geometry point (SRID 0). */
    public static GeoValue geometryPoint(double x, double y) {
        return new GeoValue(PrimitiveType.GEOMETRY_POINT,
                "{\"type\":\"Point\",\"coordinates\":[" + number(x) + "," + number(y) + "]}");
    }

    /** Whether this is a geography (round-earth) value rather than a geometry (flat) one. */
    public boolean isGeography() {
        return type.name().startsWith("GEOGRAPHY");
    }

    /** The spatial reference: the GeoJSON {@code crs} name's EPSG code, else 4326 for geography and 0 for geometry. */
    public int srid() {
        JsonNode crs = tree().path("crs").path("properties").path("name");
        if (crs.isTextual()) {
            String name = crs.asText();
            int colon = name.lastIndexOf(':');
            try {
                return Integer.parseInt(name.substring(colon + 1));
            } catch (NumberFormatException e) {
                // fall through to the default
            }
        }
        return isGeography() ? 4326 : 0;
    }

    /** The value as OData well-known text, for example {@code Point(-122.1 47.6)}. */
    public String toWkt() {
        StringBuilder out = new StringBuilder();
        wkt(tree(), out);
        return out.toString();
    }

    private JsonNode tree() {
        try {
            return JSON.readTree(geoJson);
        } catch (IOException e) {
            throw new UncheckedIOException("invalid GeoJSON: " + geoJson, e);
        }
    }

    private static void wkt(JsonNode geo, StringBuilder out) {
        String kind = geo.path("type").asText();
        JsonNode c = geo.path("coordinates");
        switch (kind) {
            case "Point" -> out.append("Point(").append(position(c)).append(')');
            case "LineString" -> out.append("LineString").append(positions(c));
            case "Polygon" -> out.append("Polygon").append(rings(c));
            case "MultiPoint" -> {
                out.append("MultiPoint(");
                for (int i = 0; i < c.size(); i++) {
                    out.append(i > 0 ? "," : "").append('(').append(position(c.get(i))).append(')');
                }
                out.append(')');
            }
            case "MultiLineString" -> {
                out.append("MultiLineString(");
                for (int i = 0; i < c.size(); i++) {
                    out.append(i > 0 ? "," : "").append(positions(c.get(i)));
                }
                out.append(')');
            }
            case "MultiPolygon" -> {
                out.append("MultiPolygon(");
                for (int i = 0; i < c.size(); i++) {
                    out.append(i > 0 ? "," : "").append(rings(c.get(i)));
                }
                out.append(')');
            }
            case "GeometryCollection" -> {
                out.append("Collection(");
                JsonNode items = geo.path("geometries");
                for (int i = 0; i < items.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    wkt(items.get(i), out);
                }
                out.append(')');
            }
            default -> throw new IllegalArgumentException("unknown GeoJSON type '" + kind + "'");
        }
    }

    private static String position(JsonNode p) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < p.size(); i++) {
            s.append(i > 0 ? " " : "").append(number(p.get(i).asDouble()));
        }
        return s.toString();
    }

    private static String positions(JsonNode list) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < list.size(); i++) {
            s.append(i > 0 ? "," : "").append(position(list.get(i)));
        }
        return s.append(')').toString();
    }

    private static String rings(JsonNode rings) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < rings.size(); i++) {
            s.append(i > 0 ? "," : "").append(positions(rings.get(i)));
        }
        return s.append(')').toString();
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%d", (long) d) : Double.toString(d);
    }
}
