package dev.frugal.testbed.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The frontier picture is a PNG of the size asked for. */
class FrontierChartTest {

  @Test
  void savesAPngOfTheGivenSize(@TempDir Path dir) throws Exception {
    FrontierChart chart = new FrontierChart();
    chart.add("react / sim-large", 0.5, 0.2);
    chart.add("react / sim-large", 1.5, 0.4);
    chart.add("react+tracker / sim-large", 0.4, 0.3);
    Path png = dir.resolve("frontier.png");

    chart.save(png, "title", "x", "y", 320, 200);

    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isEqualTo(320);
    assertThat(image.getHeight()).isEqualTo(200);
  }
}
