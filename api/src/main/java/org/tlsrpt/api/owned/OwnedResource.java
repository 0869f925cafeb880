package org.tlsrpt.api.owned;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import java.util.List;
import org.tlsrpt.api.auth.Caller;

/**
 * The REST shape of owned things: {@code POST} (201 with Location), {@code GET} the list, {@code GET/PUT/DELETE
 * {id}}, all on behalf of the request's {@link Caller}. A subclass names its path with {@code @Path} and says how its
 * things are shown.
 *
 * @param <I> what a client sends
 * @param <T> the owned thing
 * @param <V> what the API shows of it
 */
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public abstract class OwnedResource<I, T extends Owned, V> {

    @Inject
    protected Caller caller;

    protected abstract OwnedEntities<I, T> entities();

    protected abstract V view(T thing);

    /** What the answer to {@code POST} shows: by default what {@code GET} shows. */
    protected V created(T thing) {
        return view(thing);
    }

    @POST
    public Response create(I input, @Context UriInfo uri) throws SQLException {
        T thing = entities().create(caller.scope(), input);
        return Response.created(uri.getAbsolutePathBuilder().path(thing.id()).build()).entity(created(thing)).build();
    }

    @GET
    public List<V> list() throws SQLException {
        return entities().list(caller.scope()).stream().map(this::view).toList();
    }

    @GET
    @Path("{id}")
    public V get(@PathParam("id") String id) throws SQLException {
        return view(entities().get(caller.scope(), id));
    }

    @PUT
    @Path("{id}")
    public V update(@PathParam("id") String id, I input) throws SQLException {
        return view(entities().update(caller.scope(), id, input));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) throws SQLException {
        entities().delete(caller.scope(), id);
        return Response.noContent().build();
    }
}
