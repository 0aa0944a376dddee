package dev.obs.spi;

import java.sql.SQLException;
import java.util.Objects;

/**
 * One kind of database operation, as an integration (such as {@code obs-jdbc}) describes it to the
 * pillars through {@link DbClientObserver}: the OpenTelemetry database semantic-convention values
 * of a statement. Every text in it is safe to export: {@link #queryText()} is sanitized (each
 * literal replaced by {@code ?}), and nothing else is taken from the statement's values.
 *
 * <p>An integration builds one instance per distinct statement text and reuses it for every
 * execution, so that pillars can cache per instance (identity).
 *
 * <pre>{@code
 * DbOperation op = new DbOperation("postgresql", "orders", "db.internal", 5432,
 *         "SELECT", "orders", "SELECT id FROM orders WHERE id = ?", 0);
 * op.spanName();   // "SELECT orders"
 * }</pre>
 */
public final class DbOperation {

    private final String system;
    private final String namespace;
    private final String serverAddress;
    private final int serverPort;
    private final String operationName;
    private final String collectionName;
    private final String queryText;
    private final int batchSize;
    private final String spanName;

    /**
     * @param system          {@code db.system.name}, e.g. {@code postgresql}, {@code h2database}, {@code other_sql}
     * @param namespace       {@code db.namespace} (the database), or {@code null}
     * @param serverAddress   {@code server.address}, or {@code null} (embedded databases)
     * @param serverPort      {@code server.port}, or 0 when unknown
     * @param operationName   {@code db.operation.name}, e.g. {@code SELECT} or {@code BATCH INSERT}, or {@code null}
     * @param collectionName  {@code db.collection.name} (the table), or {@code null}
     * @param queryText       {@code db.query.text}, sanitized: no literal of the original text remains
     * @param batchSize       {@code db.operation.batch.size} for a batch of two or more, else 0
     */
    public DbOperation(String system, String namespace, String serverAddress, int serverPort, String operationName,
                       String collectionName, String queryText, int batchSize) {
        this.system = Objects.requireNonNull(system, "system");
        this.namespace = namespace;
        this.serverAddress = serverAddress;
        this.serverPort = serverPort;
        this.operationName = operationName;
        this.collectionName = collectionName;
        this.queryText = queryText;
        this.batchSize = batchSize;
        this.spanName = spanName(operationName, collectionName, namespace, system);
    }

    private static String spanName(String operation, String collection, String namespace, String system) {
        // semantic conventions: "{db.operation.name} {target}", the target being the collection,
        // else the namespace; without an operation, the target alone; without either, the system
        String target = collection != null ? collection : namespace;
        if (operation != null) {
            return target == null ? operation : operation + " " + target;
        }
        return target != null ? target : system;
    }

    public String system() {
        return system;
    }

    public String namespace() {
        return namespace;
    }

    public String serverAddress() {
        return serverAddress;
    }

    public int serverPort() {
        return serverPort;
    }

    public String operationName() {
        return operationName;
    }

    public String collectionName() {
        return collectionName;
    }

    public String queryText() {
        return queryText;
    }

    public int batchSize() {
        return batchSize;
    }

    /** The span name the conventions ask for: {@code SELECT orders}, {@code BATCH INSERT orders}, {@code CALL}, ... */
    public String spanName() {
        return spanName;
    }

    /**
     * The conventions' {@code error.type} of a failed operation: the SQLSTATE the database answered
     * (e.g. {@code 23505} for a unique-constraint violation), else the exception's class name.
     */
    public static String errorType(Throwable error) {
        String state = statusCode(error);
        return state != null ? state : error.getClass().getName();
    }

    /** The conventions' {@code db.response.status_code}: the SQLSTATE of a failed operation, or {@code null}. */
    public static String statusCode(Throwable error) {
        if (error instanceof SQLException sql) {
            String state = sql.getSQLState();
            if (state != null && !state.isBlank() && state.length() <= 8) {
                return state;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return spanName + " [" + system + "]";
    }
}
