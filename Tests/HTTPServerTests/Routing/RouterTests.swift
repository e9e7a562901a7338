import HTTPServer
import Testing

/// Shaped like routing-kit's RouterTests: the router is generic and tested with `Int` outputs.
struct RouterTests {
    private func makeRouter() -> Router<Int> {
        var router = Router<Int>()
        router.register(.get, "/health", 1)
        router.register(.get, "/v1/:kind", 2)
        router.register(.post, "/v1/:kind", 3)
        router.register(.get, "/v1/:kind/:id", 4)
        router.register(.put, "/v1/:kind/:id", 5)
        router.register(.get, "/v1/articles/:id/statements", 6)
        router.register(.get, "/v1/search", 7)
        router.register(.delete, "/v1/:kind/:id", 8)
        return router
    }

    private func output(_ match: Router<Int>.Match) -> (Int, [String: String], String)? {
        guard case .found(let value, let parameters, let pattern) = match else { return nil }
        return (value, Dictionary(uniqueKeysWithValues: parameters.all.map { ($0.name, $0.value) }), pattern)
    }

    @Test func literalRoute_Matches() throws {
        let found = try #require(output(makeRouter().match(.get, path: "/health")))
        #expect(found.0 == 1)
        #expect(found.1.isEmpty)
        #expect(found.2 == "/health")
    }

    @Test func parameters_AreCaptured() throws {
        let found = try #require(output(makeRouter().match(.put, path: "/v1/talks/geneva-2017")))
        #expect(found.0 == 5)
        #expect(found.1 == ["kind": "talks", "id": "geneva-2017"])
        #expect(found.2 == "/v1/:kind/:id")
    }

    @Test func literal_WinsOverParameter() throws {
        #expect(try #require(output(makeRouter().match(.get, path: "/v1/search"))).0 == 7)
        #expect(try #require(output(makeRouter().match(.get, path: "/v1/talks"))).0 == 2)
    }

    @Test func literalDeadEnd_FallsBackToTheParameterBranch() throws {
        // `/v1/articles/x` is not under the literal `articles` subtree's routes, but `/v1/:kind/:id` matches.
        let found = try #require(output(makeRouter().match(.get, path: "/v1/articles/x")))
        #expect(found.0 == 4)
        #expect(found.1 == ["kind": "articles", "id": "x"])
        #expect(try #require(output(makeRouter().match(.get, path: "/v1/articles/x/statements"))).0 == 6)
    }

    @Test func head_IsServedByGet() throws {
        #expect(try #require(output(makeRouter().match(.head, path: "/v1/talks/a"))).0 == 4)
    }

    @Test func explicitHead_WinsOverGet() throws {
        var router = makeRouter()
        router.register(.head, "/health", 9)
        #expect(try #require(output(router.match(.head, path: "/health"))).0 == 9)
        #expect(router.allowedMethods(path: "/health") == [.get, .head, .options])
    }

    @Test func wrongMethod_IsMethodNotAllowed_WithEveryMethodOfThePath() {
        guard case .methodNotAllowed(let allowed) = makeRouter().match(.patch, path: "/v1/talks/a") else {
            Issue.record("expected methodNotAllowed")
            return
        }
        #expect(allowed == [.get, .head, .put, .delete, .options])
    }

    @Test func unknownPath_IsNotFound() {
        for path in ["/", "/nope", "/v1/a/b/c/d", "/healthz", "/v1/articles/x/other"] {
            guard case .notFound = makeRouter().match(.get, path: path) else {
                Issue.record("expected notFound for \(path)")
                continue
            }
        }
    }

    @Test func emptySegments_AreIgnored() throws {
        #expect(try #require(output(makeRouter().match(.get, path: "//health/"))).0 == 1)
    }

    @Test func laterRegistration_ReplacesTheOutput() throws {
        var router = makeRouter()
        router.register(.get, "/health", 10)
        #expect(try #require(output(router.match(.get, path: "/health"))).0 == 10)
        #expect(router.allowedMethods(path: "/health") == [.get, .head, .options])
    }

    @Test func rootPath_CanBeRouted() throws {
        var router = Router<Int>()
        router.register(.get, "/", 1)
        #expect(try #require(output(router.match(.get, path: "/"))).0 == 1)
    }

    @Test func parameterNames_ComeFromTheMatchedPattern() throws {
        var router = Router<Int>()
        router.register(.get, "/a/:x", 1)
        router.register(.post, "/a/:y", 2)
        #expect(try #require(output(router.match(.post, path: "/a/v"))).1 == ["y": "v"])
        #expect(try #require(output(router.match(.get, path: "/a/v"))).1 == ["x": "v"])
    }
}
