"""The two kinds of newsroom item, shared by the page models and the services below them."""

NEWS, STORIES = "news", "stories"
