package org.tdabench.datasets.coco;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tdabench.core.UserError;
import org.tdabench.datasets.PrepareContext;

/**
 * A COCO captions file ({@code captions_train2017.json}, {@code captions_val2017.json}), read by
 * streaming so the 90 MB training file never becomes one tree. Images are ordered by id (as
 * torchvision's CocoCaptions does); each image's captions keep the order of the annotations in the
 * file, so caption 0 is the reference's caption 0.
 */
public final class CocoCaptions {
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** One image entry. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Image(@JsonProperty("id") long id, @JsonProperty("file_name") String fileName,
      @JsonProperty("height") int height, @JsonProperty("width") int width) {}

  /** One caption annotation. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Caption(@JsonProperty("id") long id, @JsonProperty("image_id") long imageId,
      @JsonProperty("caption") String text) {}

  private final List<Image> images;
  private final Map<Long, List<Caption>> captions;

  private CocoCaptions(List<Image> images, Map<Long, List<Caption>> captions) {
    this.images = images;
    this.captions = captions;
  }

  /** Images sorted by id. */
  public List<Image> images() {
    return images;
  }

  /** The captions of an image, in file order (empty if none). */
  public List<Caption> captionsOf(long imageId) {
    return captions.getOrDefault(imageId, List.of());
  }

  /** Parses a captions file; malformed content is a {@link UserError} naming {@code what}. */
  public static CocoCaptions parse(InputStream in, String what) {
    List<Image> images = null;
    Map<Long, List<Caption>> caps = null;
    try (JsonParser p = JSON.getFactory().createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw bad(what, p, "it is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if (field.equals("images")) {
          expectArray(p, t, what, field);
          images = new ArrayList<>();
          while (p.nextToken() == JsonToken.START_OBJECT) {
            Image im = JSON.readValue(p, Image.class);
            if (im.fileName() == null || im.fileName().isBlank()) {
              throw bad(what, p, "an image entry (id " + im.id() + ") has no file_name");
            }
            images.add(im);
          }
        } else if (field.equals("annotations")) {
          expectArray(p, t, what, field);
          caps = new HashMap<>();
          while (p.nextToken() == JsonToken.START_OBJECT) {
            Caption c = JSON.readValue(p, Caption.class);
            if (c.text() == null) {
              throw bad(what, p, "annotation " + c.id() + " has no caption");
            }
            caps.computeIfAbsent(c.imageId(), k -> new ArrayList<>()).add(c);
          }
        } else {
          p.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      throw new UserError("malformed COCO captions JSON " + what + " (" + UserError.oneLine(e.getOriginalMessage()) + " at line "
          + e.getLocation().getLineNr() + "); fetch the annotations again");
    } catch (IOException e) {
      throw new UserError("cannot read COCO captions " + what + " (" + UserError.oneLine(e.getMessage())
          + "); the archive is truncated or corrupt: fetch the annotations again");
    }
    if (images == null || caps == null) {
      throw new UserError("COCO captions JSON " + what + " has no '" + (images == null ? "images" : "annotations")
          + "' array; is it a captions_*.json file?");
    }
    images.sort(Comparator.comparingLong(Image::id));
    for (int i = 1; i < images.size(); i++) {
      if (images.get(i).id() == images.get(i - 1).id()) {
        throw new UserError("COCO captions JSON " + what + " lists image id " + images.get(i).id() + " twice");
      }
    }
    return new CocoCaptions(List.copyOf(images), caps);
  }

  private static void expectArray(JsonParser p, JsonToken t, String what, String field) throws IOException {
    if (t != JsonToken.START_ARRAY) {
      throw bad(what, p, "'" + field + "' is not an array");
    }
  }

  private static UserError bad(String what, JsonParser p, String why) {
    return new UserError("malformed COCO captions JSON " + what + " at line " + p.currentLocation().getLineNr() + ": "
        + why + "; fetch the annotations again");
  }
}
