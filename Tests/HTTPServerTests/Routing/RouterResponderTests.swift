import HTTPServer
import Logging
import Testing

struct RouterResponderTests {
    private struct Teapot: HTTPResponseError {
        var response: HTTPResponse { HTTPResponse(status: HTTPStatus(418, "I'm a teapot")) }
    }

    private struct Broken: Error {}

    private func makeResponder(
        log: InMemoryLog = InMemoryLog(), middleware: [any HTTPMiddleware] = []
    ) -> RouterResponder {
        var router = Router<HTTPRoute>()
        router.add(.get, "/items/:id") { _, context in HTTPResponse(body: Array(context.parameters["id"]!.utf8)) }
        router.add(.post, "/items") { _, _ in throw Teapot() }
        router.add(.delete, "/items/:id") { _, _ in throw Broken() }
        router.add(.put, "/items/:id", mayBlock: true) { _, _ in HTTPResponse(status: .noContent) }
        return RouterResponder(router: router, middleware: middleware, logger: log.makeLogger())
    }

    @Test func handler_GetsParametersAndPattern() {
        let response = makeResponder().respond(to: HTTPRequest(method: .get, target: "/items/42", path: "/items/42"))
        #expect(response.body == Array("42".utf8))
    }

    @Test func responseError_RendersItself() {
        let response = makeResponder().respond(to: HTTPRequest(method: .post, target: "/items", path: "/items"))
        #expect(response.status.code == 418)
    }

    @Test func otherError_IsALogged500ProblemWithoutDetails() {
        let log = InMemoryLog()
        let request = HTTPRequest(method: .delete, target: "/items/1", path: "/items/1")
        let response = makeResponder(log: log).respond(to: request)
        #expect(response.status == .internalServerError)
        #expect(response.headers[HTTPHeaders.contentType] == "application/problem+json")
        #expect(!String(decoding: response.body, as: UTF8.self).contains("Broken"))
        #expect(log.entries.count == 1)
        #expect(log.entries.first?.level == .error)
        #expect(log.entries.first?.metadata["error"]?.description.contains("Broken") == true)
    }

    @Test func wrongMethod_Is405WithAllow_AndOptionsIs204WithAllow() {
        let responder = makeResponder()
        let notAllowed = responder.respond(to: HTTPRequest(method: .patch, target: "/items/1", path: "/items/1"))
        #expect(notAllowed.status == .methodNotAllowed)
        #expect(notAllowed.headers[HTTPHeaders.allow] == "GET, HEAD, DELETE, PUT, OPTIONS")
        let options = responder.respond(to: HTTPRequest(method: .options, target: "/items/1", path: "/items/1"))
        #expect(options.status == .noContent)
        #expect(options.headers[HTTPHeaders.allow] == "GET, HEAD, DELETE, PUT, OPTIONS")
    }

    @Test func unknownPath_Is404Problem() {
        let response = makeResponder().respond(to: HTTPRequest(method: .get, target: "/x", path: "/x"))
        #expect(response.status == .notFound)
        #expect(String(decoding: response.body, as: UTF8.self).contains(#""status":404"#))
    }

    @Test func mayBlock_FollowsTheMatchedRoute() {
        let responder = makeResponder()
        #expect(responder.mayBlock(HTTPRequest(method: .put, target: "/items/1", path: "/items/1")))
        #expect(!responder.mayBlock(HTTPRequest(method: .get, target: "/items/1", path: "/items/1")))
        #expect(!responder.mayBlock(HTTPRequest(method: .put, target: "/other", path: "/other")))
    }
}
