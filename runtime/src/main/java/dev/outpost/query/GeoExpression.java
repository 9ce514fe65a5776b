package dev.outpost.query;

import dev.outpost.GeoValue;
import dev.outpost.model.PrimitiveType;

/**
 * A geography or geometry expression. Geo functions render into URLs for the back end; the
 * offline store does not evaluate them.
 */
public class GeoExpression extends Expression {

    private final PrimitiveType type;

    public GeoExpression(Expr node, PrimitiveType type) {
        super(node);
        this.type = type;
    }

    @Override
    protected GeoExpression wrap(Expr node) {
        return new GeoExpression(node, type);
    }

    /** {@code geo.distance(this, point)}. */
    public NumericExpression<Double> distance(GeoValue point) {
        return new NumericExpression<>(call(FunctionName.GEO_DISTANCE, Literals.of(point.type(), point)), PrimitiveType.DOUBLE);
    }

    /** {@code geo.intersects(this, polygon)}. */
    public BooleanExpression intersects(GeoValue polygon) {
        return new BooleanExpression(call(FunctionName.GEO_INTERSECTS, Literals.of(polygon.type(), polygon)));
    }

    /** {@code geo.length(this)}. */
    public NumericExpression<Double> length() {
        return new NumericExpression<>(call(FunctionName.GEO_LENGTH), PrimitiveType.DOUBLE);
    }
}
