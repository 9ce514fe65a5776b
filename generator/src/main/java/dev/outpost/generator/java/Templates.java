package dev.outpost.generator.java;

import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Locale;

/**
 * The FreeMarker templates of the Java emitter ({@code dev/outpost/generator/java/*.ftl}).
 * Configured strictly: a missing value or a template error fails generation; templates cannot
 * create objects or reach Java APIs. Thread-safe once built.
 */
final class Templates {

    private final Configuration configuration;

    Templates() {
        configuration = new Configuration(Configuration.VERSION_2_3_34);
        configuration.setClassLoaderForTemplateLoading(Templates.class.getClassLoader(), "dev/outpost/generator/java");
        configuration.setDefaultEncoding("UTF-8");
        configuration.setLocale(Locale.ROOT);
        configuration.setLocalizedLookup(false);
        configuration.setTemplateUpdateDelayMilliseconds(Long.MAX_VALUE);
        configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        configuration.setLogTemplateExceptions(false);
        configuration.setWrapUncheckedExceptions(true);
        configuration.setFallbackOnNullLoopVariable(false);
        configuration.setAPIBuiltinEnabled(false);
        configuration.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    }

    /**
     * Renders a template with a view.
     *
     * @throws JavaEmitterException naming the template, line and the file being generated
     */
    String render(String template, Object view, String path) {
        try {
            Template t = configuration.getTemplate(template);
            StringWriter out = new StringWriter();
            t.process(Views.toTemplateModel(view), out);
            return out.toString();
        } catch (TemplateException e) {
            throw new JavaEmitterException("template " + template + " failed at line " + e.getLineNumber()
                    + ", column " + e.getColumnNumber() + " while generating " + path + ": "
                    + e.getMessageWithoutStackTop().split("\n----")[0].strip(), e);
        } catch (IOException e) {
            throw new JavaEmitterException("cannot load template " + template + ": " + e.getMessage()
                    + "; the generator jar is incomplete", e);
        }
    }
}
