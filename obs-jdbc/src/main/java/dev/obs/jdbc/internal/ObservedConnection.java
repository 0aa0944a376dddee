package dev.obs.jdbc.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

/** A connection whose statements are observed; every other call goes to the driver's connection unchanged. */
final class ObservedConnection implements InvocationHandler {

    private final Connection delegate;
    private final DbTarget target;

    private ObservedConnection(Connection delegate, DbTarget target) {
        this.delegate = delegate;
        this.target = target;
    }

    static Connection wrap(Connection connection, DbTarget target) {
        return Handlers.proxy(Connection.class, new ObservedConnection(connection, target));
    }

    static DbTarget readTarget(Connection connection) {
        try {
            return DbTarget.fromUrl(connection.getMetaData().getURL());
        } catch (Exception | LinkageError e) {
            return DbTarget.UNKNOWN;
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "createStatement" -> {
                Statement s = (Statement) Handlers.delegate(delegate, method, args);
                return s == null ? null : Handlers.proxy(Statement.class, new ObservedStatement(s, (Connection) proxy, target, null));
            }
            case "prepareStatement" -> {
                PreparedStatement s = (PreparedStatement) Handlers.delegate(delegate, method, args);
                return s == null ? null : Handlers.proxy(PreparedStatement.class,
                        new ObservedStatement(s, (Connection) proxy, target, target.operation((String) args[0], true)));
            }
            case "prepareCall" -> {
                CallableStatement s = (CallableStatement) Handlers.delegate(delegate, method, args);
                return s == null ? null : Handlers.proxy(CallableStatement.class,
                        new ObservedStatement(s, (Connection) proxy, target, target.operation((String) args[0], true)));
            }
            default -> {
                Object handled = Handlers.common(proxy, delegate, method, args);
                if (handled != Handlers.NOT_HANDLED) {
                    return handled;
                }
                return Handlers.delegate(delegate, method, args);
            }
        }
    }
}
