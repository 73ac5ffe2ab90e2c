package io.rigshift.runner.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/** Who the token speaks for, so a client (the dashboard) can say whose jobs it shows. */
@RestController
class CallerController {

    @GetMapping("/api/v1/whoami")
    Map<String, Object> whoami(@RequestAttribute(TokenFilter.CALLER) Caller caller) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant", caller.tenant());
        body.put("host", caller.isHost());
        return body;
    }
}
