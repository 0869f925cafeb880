package org.tlsrpt.api.owned;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.tlsrpt.api.auth.Scope;

/**
 * Creating, reading, changing and deleting owned things on behalf of a caller. The one rule: a caller reaches a thing
 * only when its scope covers the thing's owner ({@link Ownership}); anything else is "not found" (404), never
 * "forbidden", so ids reveal nothing. A new thing is owned by its creator's scope; a change keeps the owner, and is
 * validated against the owner's scope, which the caller covers: no write makes a thing reach further than its
 * owner, nor its owner further than the caller.
 *
 * @param <I> what a client sends (POST and PUT bodies)
 * @param <T> the owned thing
 */
public class OwnedEntities<I, T extends Owned> {

    /** Turns a client's input into the thing, or throws a {@link ProblemException} (400, 403). */
    @FunctionalInterface
    public interface Validation<I, T> {

        /**
         * @param owner   the scope that owns the thing: everything it names must be within it
         * @param current the stored version on a change, null on create
         */
        T validate(I input, String id, Scope owner, T current, Instant now) throws SQLException;
    }

    /** Refuses to delete a thing still in use (409), or lets it go. */
    @FunctionalInterface
    public interface DeleteCheck<T> {

        void check(T thing) throws SQLException;
    }

    private final String what;
    private final VersionedStore<T> store;
    private final Validation<I, T> validation;
    private final DeleteCheck<T> deleteCheck;
    private final Clock clock;

    /** @param what the thing's name in problem documents, e.g. {@code alert rule} */
    public OwnedEntities(String what, VersionedStore<T> store, Validation<I, T> validation,
            DeleteCheck<T> deleteCheck, Clock clock) {
        this.what = what;
        this.store = store;
        this.validation = validation;
        this.deleteCheck = deleteCheck;
        this.clock = clock;
    }

    public T create(Scope caller, I input) throws SQLException {
        T created = validation.validate(input, UUID.randomUUID().toString(), caller, null, clock.instant());
        store.save(created);
        return created;
    }

    public List<T> list(Scope caller) throws SQLException {
        return store.all().stream().filter(thing -> Ownership.covers(caller, thing.owner())).toList();
    }

    public T get(Scope caller, String id) throws SQLException {
        return store.find(id).filter(thing -> Ownership.covers(caller, thing.owner()))
                .orElseThrow(() -> ProblemException.notFound(what, id));
    }

    public T update(Scope caller, String id, I input) throws SQLException {
        T current = get(caller, id);
        T updated = validation.validate(input, id, current.owner(), current, clock.instant());
        store.save(updated);
        return updated;
    }

    public void delete(Scope caller, String id) throws SQLException {
        T current = get(caller, id);
        deleteCheck.check(current);
        store.delete(current);
    }
}
