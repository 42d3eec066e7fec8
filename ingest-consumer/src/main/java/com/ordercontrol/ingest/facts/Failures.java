package com.ordercontrol.ingest.facts;

import com.ordercontrol.contract.ContractLimits;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells an infrastructure failure (the database or Kafka is unreachable or overloaded, a connection was
 * lost: retry the same records without limit, skip nothing) from any other failure (something about
 * the records: isolate the record and dead-letter it). No I/O; looks only at the exception chain.
 *
 * <p>Infrastructure: SQLState classes {@code 08} (connection), {@code 53} (insufficient resources),
 * {@code 57} (operator intervention: shutdown, crash, cancel), {@code 58} (system I/O), {@code 40}
 * (serialization failure, deadlock) and {@code 55P03} (lock not available); JDBC's transient,
 * recoverable and connection exceptions; Spring's transient, recoverable and resource-failure data
 * access exceptions and {@link CannotCreateTransactionException}; I/O exceptions; Kafka's retriable
 * exceptions.
 */
public final class Failures {

    private Failures() {
    }

    /** Whether {@code failure} (or anything in its cause chain) is a failure of the infrastructure. */
    public static boolean isInfrastructure(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException || isNetworkIo(t)
                    || t instanceof org.apache.kafka.common.errors.RetriableException
                    || t instanceof org.apache.kafka.common.errors.DisconnectException) {
                return true;
            }
            if (t instanceof SQLException sql && (infrastructureState(sql.getSQLState()) || nextIsInfrastructure(sql, seen))) {
                return true;
            }
        }
        return false;
    }

    /** Network I/O only: a parser's or an encoder's IOException is about the data, not the infrastructure. */
    private static boolean isNetworkIo(Throwable t) {
        return t instanceof java.net.SocketException || t instanceof java.io.InterruptedIOException
                || t instanceof java.io.EOFException || t instanceof java.net.UnknownHostException
                || t instanceof java.nio.channels.ClosedChannelException;
    }

    private static boolean nextIsInfrastructure(SQLException sql, Map<Throwable, Boolean> seen) {
        SQLException next = sql instanceof BatchUpdateException || sql.getNextException() != null ? sql.getNextException() : null;
        for (; next != null && seen.put(next, Boolean.TRUE) == null; next = next.getNextException()) {
            if (infrastructureState(next.getSQLState()) || isInfrastructure(next)) {
                return true;
            }
        }
        return false;
    }

    static boolean infrastructureState(String state) {
        if (state == null || state.length() != 5) {
            return false;
        }
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57") || state.startsWith("58")
                || state.startsWith("40") || state.equals("55P03");
    }

    /**
     * The dead-letter reason for a record the database (or the code) refused: the deepest message, with
     * the SQLState when there is one, control characters escaped, at most 1000 characters.
     */
    public static String reason(Throwable failure) {
        Throwable root = failure;
        String state = null;
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            root = t;
            if (t instanceof SQLException sql) {
                SQLException detail = sql.getNextException() != null ? sql.getNextException() : sql;
                if (detail.getSQLState() != null) {
                    state = detail.getSQLState();
                    root = detail;
                }
            }
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
        String text = state == null ? "could not be turned into facts: " + message
                : "the database refused this record (SQLState " + state + "): " + message;
        return ContractLimits.printable(text, 1000);
    }
}
