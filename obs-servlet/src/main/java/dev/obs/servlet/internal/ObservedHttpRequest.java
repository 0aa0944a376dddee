package dev.obs.servlet.internal;

import dev.obs.context.ContextScope;
import dev.obs.context.RequestContext;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * The request as the application sees it through the filter: the same request, except that work
 * handed to {@link AsyncContext#start} runs with the request's context on the container's thread.
 */
public final class ObservedHttpRequest extends HttpServletRequestWrapper {

    private final RequestContext context;

    public ObservedHttpRequest(HttpServletRequest request, RequestContext context) {
        super(request);
        this.context = context;
    }

    @Override
    public AsyncContext startAsync() {
        return new PropagatingAsyncContext(super.startAsync(), context);
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
        return new PropagatingAsyncContext(super.startAsync(request, response), context);
    }

    @Override
    public AsyncContext getAsyncContext() {
        AsyncContext async = super.getAsyncContext();
        return async == null || async instanceof PropagatingAsyncContext ? async : new PropagatingAsyncContext(async, context);
    }

    private static final class PropagatingAsyncContext implements AsyncContext {
        private final AsyncContext delegate;
        private final RequestContext context;

        PropagatingAsyncContext(AsyncContext delegate, RequestContext context) {
            this.delegate = delegate;
            this.context = context;
        }

        @Override
        public void start(Runnable run) {
            delegate.start(() -> {
                try (ContextScope ignored = context.makeCurrent()) {
                    run.run();
                }
            });
        }

        @Override
        public ServletRequest getRequest() {
            return delegate.getRequest();
        }

        @Override
        public ServletResponse getResponse() {
            return delegate.getResponse();
        }

        @Override
        public boolean hasOriginalRequestAndResponse() {
            return delegate.hasOriginalRequestAndResponse();
        }

        @Override
        public void dispatch() {
            delegate.dispatch();
        }

        @Override
        public void dispatch(String path) {
            delegate.dispatch(path);
        }

        @Override
        public void dispatch(ServletContext servletContext, String path) {
            delegate.dispatch(servletContext, path);
        }

        @Override
        public void complete() {
            delegate.complete();
        }

        @Override
        public void addListener(AsyncListener listener) {
            delegate.addListener(listener);
        }

        @Override
        public void addListener(AsyncListener listener, ServletRequest servletRequest, ServletResponse servletResponse) {
            delegate.addListener(listener, servletRequest, servletResponse);
        }

        @Override
        public <T extends AsyncListener> T createListener(Class<T> clazz) throws ServletException {
            return delegate.createListener(clazz);
        }

        @Override
        public void setTimeout(long timeout) {
            delegate.setTimeout(timeout);
        }

        @Override
        public long getTimeout() {
            return delegate.getTimeout();
        }
    }
}
