package dev.obs.servlet;

import dev.obs.servlet.docs.TomcatSetup;
import jakarta.servlet.http.HttpServlet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/** The filter on embedded Tomcat 11, set up as docs/servlet.md says. */
class TomcatIT extends ServletContainerContract {

    private Tomcat tomcat;

    @Override
    protected int start(Map<String, HttpServlet> observed, HttpServlet peek) throws Exception {
        Path base = Files.createTempDirectory("obs-tomcat");
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("maxThreads", "4");
        connector.setProperty("minSpareThreads", "2");
        tomcat.setConnector(connector);

        Context context = TomcatSetup.observedContext(tomcat);
        int n = 0;
        for (Map.Entry<String, HttpServlet> entry : observed.entrySet()) {
            String name = "servlet" + n++;
            Wrapper wrapper = Tomcat.addServlet(context, name, entry.getValue());
            wrapper.setAsyncSupported(true);
            context.addServletMappingDecoded(entry.getKey(), name);
        }
        Context plain = tomcat.addContext("/plain", null);
        Tomcat.addServlet(plain, "peek", peek);
        plain.addServletMappingDecoded("/peek", "peek");
        tomcat.start();
        return connector.getLocalPort();
    }

    @Override
    protected void stop() throws Exception {
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
        }
    }
}
