package io.rigshift.runner.api;

import java.util.concurrent.TimeUnit;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web dashboard: static pages at {@code /ui/} and the chart and 3D libraries from their WebJars
 * at {@code /webjars/}, all from the classpath (nothing from a CDN: it works offline). The pages
 * hold no data and need no token; every figure they show comes from {@code /api/} with the user's
 * Bearer token, behind {@link TokenFilter}. Boot's default {@code /**} static mapping is off, so
 * these two are all the server serves outside the API.
 */
@Configuration(proxyBeanMethods = false)
class DashboardConfiguration implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        // Pages revalidate on every load, so a new server version shows at once.
        registry.addResourceHandler("/ui/**").addResourceLocations("classpath:/static/ui/")
                .setCacheControl(CacheControl.noCache());
        // WebJar paths carry their version: cache for long.
        registry.addResourceHandler("/webjars/**").addResourceLocations("classpath:/META-INF/resources/webjars/")
                .setCacheControl(CacheControl.maxAge(365, TimeUnit.DAYS).cachePublic());
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/", "/ui/");
        registry.addRedirectViewController("/ui", "/ui/");
        registry.addViewController("/ui/").setViewName("forward:/ui/index.html");
    }
}
