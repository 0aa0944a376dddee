package dev.obs.examples.quickstart;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Orders in an embedded H2 database, reached through a HikariCP pool wrapped by {@code ObsJdbc.wrap}:
 * every statement is a span ({@code INSERT orders}) and a sample of {@code db_client_operation_duration_seconds},
 * with no timer or annotation here.
 */
public class OrderRepository {

    private final DataSource dataSource;

    public OrderRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void createSchema() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, customer_id VARCHAR(64) NOT NULL, "
                    + "sku VARCHAR(64) NOT NULL, quantity INT NOT NULL, price_cents BIGINT NOT NULL)");
        }
    }

    public Order insert(String customerId, String sku, int quantity, long priceCents) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "INSERT INTO orders (customer_id, sku, quantity, price_cents) VALUES (?, ?, ?, ?)",
                     Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, customerId);
            s.setString(2, sku);
            s.setInt(3, quantity);
            s.setLong(4, priceCents);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return new Order(keys.getLong(1), customerId, sku, quantity, priceCents);
            }
        }
    }

    public Optional<Order> find(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id, customer_id, sku, quantity, price_cents FROM orders WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Order(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5)));
            }
        }
    }
}
