//! What a hostile page cannot make declutter output: links that run code
//! when the Markdown is rendered and clicked.

use declutter::convert;

#[test]
fn script_urls_never_reach_output_links() {
    let page = r#"<html><body><article>
<p>One <a href="javascript:alert(1)">js</a>, two <a href=" JaVaScRiPt:alert(1)">mixed</a>,
three <a href="vbscript:msgbox(1)">vb</a>, four <a href="data:text/html,&lt;script&gt;x">html</a>,
five <a href="java&#x09;script:alert(1)">tab</a>, six <a href="&#106;avascript:alert(1)">entity</a>,
and <a href="https://example.com/ok">a safe one</a> in a paragraph long enough to be the article.</p>
<p><img src="javascript:alert(1)" alt="pic"> <img src="data:text/html,x" alt="pic2"></p>
</article></body></html>"#;
    let md = convert(page.as_bytes()).unwrap().markdown;
    let lower = md.to_ascii_lowercase();
    for bad in [
        "javascript:",
        "vbscript:",
        "data:text/html",
        "java\tscript:",
    ] {
        assert!(!lower.contains(bad), "{bad} in {md}");
    }
    assert!(md.contains("[a safe one](https://example.com/ok)"), "{md}");
    assert!(
        md.contains("js") && md.contains("entity"),
        "link text is kept: {md}"
    );
}
